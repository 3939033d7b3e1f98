import { resolve } from 'node:path';

/** The package root, whether running from src/ through tsx or from the built dist/. */
export const packageRoot = resolve(import.meta.dirname, '../..');
