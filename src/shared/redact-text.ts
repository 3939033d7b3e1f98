const HIDDEN = '***';
// A password query parameter, whatever its case (`password`, `PASSWORD`, `sslpassword`...).
const PASSWORD_PARAMETER = /([?&][^=&#\s]*password=)[^&#\s]*/gi;
// The password of the user part of any URL: `scheme://user:password@host`, up to the
// `@` even when the password holds characters a URL would need escaped (`/`, `?`, `#`).
const USERINFO_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)[^@\s]*@/gi;

/**
 * Text safe to print or log: every URL in it loses its password, whether given in
 * the user part or as a query parameter. Works on text that is not a valid URL too
 * (an error message quoting one, a URL that cannot be parsed).
 */
export function redactSecretsInText(text: string): string {
  return text.replace(USERINFO_PASSWORD, `$1${HIDDEN}@`).replace(PASSWORD_PARAMETER, `$1${HIDDEN}`);
}
