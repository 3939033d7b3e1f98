import express, { type Request } from 'express';
import type { InviteFile } from './organiser-events.js';

/** An invite list of a few hundred rows is tens of kilobytes, as CSV or XLSX; this leaves room for thousands. */
export const UPLOAD_LIMIT_MB = 5;

/**
 * The file arrives as the raw request body: Ura has no multipart parser (express 5
 * has none, and none is installed), and a file needs none: the page's script posts
 * the chosen file as it is with fetch, scripts post it with curl --data-binary. Its
 * name comes in `X-File-Name` (URI-encoded, as headers carry ASCII only) or `?name=`.
 */
export const rawUpload = express.raw({ type: () => true, limit: `${UPLOAD_LIMIT_MB}mb` });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function decoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The uploaded file, or undefined when the body is empty. Without a name, the content type says CSV or XLSX. */
export function uploadedFile(req: Request): InviteFile | undefined {
  const body: unknown = req.body;
  if (!Buffer.isBuffer(body) || body.length === 0) return undefined;
  const header = req.get('X-File-Name');
  const query = typeof req.query.name === 'string' ? req.query.name : undefined;
  const given = (header === undefined ? undefined : decoded(header)) ?? query;
  const name = given?.trim() ? given.trim().slice(0, 200) : req.is(XLSX_TYPE) ? 'invites.xlsx' : 'invites.csv';
  return { bytes: new Uint8Array(body.buffer, body.byteOffset, body.length), name };
}

/** `?skipInvalid=true` (or 1, yes, on, as a form's checkbox sends it). */
export const skipInvalidOf = (req: Request): boolean => typeof req.query.skipInvalid === 'string' && /^(true|1|yes|on)$/i.test(req.query.skipInvalid);
