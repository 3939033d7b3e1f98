/** Prisma's code for a unique constraint violation (the row already exists). */
export const isUniqueViolation = (error: unknown): boolean => typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
