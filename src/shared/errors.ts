/**
 * An expected failure with a stable code. Transports map the code to an HTTP
 * status or a localised message (`errors.<code>` in locales/<lng>/common.json).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
