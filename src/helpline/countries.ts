/**
 * The countries a person can say they are in (one tap, never from location data),
 * as the directory writes them; `other` has no entries of its own.
 */
export const COUNTRIES = ['AL', 'XK', 'MK', 'ME', 'RS', 'GR', 'IT', 'GB'] as const;
export type Country = (typeof COUNTRIES)[number];
const COUNTRY_SET: ReadonlySet<string> = new Set(COUNTRIES);
export const isCountry = (value: string | undefined): value is Country => value !== undefined && COUNTRY_SET.has(value);
/** What a person can answer to "which country are you in?": one of the countries, or another one. */
export const COUNTRY_CHOICES = [...COUNTRIES, 'OTHER'] as const;
export type CountryChoice = (typeof COUNTRY_CHOICES)[number];
