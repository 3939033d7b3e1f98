import { z } from 'zod';

/** A JSON column read back, or undefined where it is empty or no JSON. */
export const parsedJson = (text: string | null): unknown => {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const textsSchema = z.record(z.string(), z.string());

/** JSON columns read back (the events area's, the coding of survey answers): what cannot be read is empty, never half-used. */
export const storedJson = {
  texts: (text: string | null) => textsSchema.safeParse(parsedJson(text)).data ?? {},
  textsList: (text: string | null) => z.array(textsSchema).safeParse(parsedJson(text)).data ?? [],
  strings: (text: string | null) => z.array(z.string()).safeParse(parsedJson(text)).data ?? [],
  stringLists: (text: string | null) => z.array(z.array(z.string())).safeParse(parsedJson(text)).data ?? [],
  stringsByKey: (text: string | null) => z.record(z.string(), z.array(z.string())).safeParse(parsedJson(text)).data ?? {},
};
