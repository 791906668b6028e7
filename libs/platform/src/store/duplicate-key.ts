/** MongoDB's (and FerretDB's) code for a write refused by a unique index. */
export const DUPLICATE_KEY = 11000;

/** Whether a write failed only because documents with the same keys are already stored. */
export function isOnlyDuplicateKeys(error: unknown): boolean {
  if ((error as { code?: number }).code === DUPLICATE_KEY) return true;
  const writeErrors = (error as { writeErrors?: { code?: number }[] }).writeErrors;
  return Array.isArray(writeErrors) && writeErrors.length > 0 && writeErrors.every((e) => e.code === DUPLICATE_KEY);
}
