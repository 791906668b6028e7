import { ErrorCode } from '@frontpage/contracts';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/**
 * An error with a stable code. Services throw these; the HTTP filter maps them to a status and the
 * Kafka consumer's retry policy maps them to "retry" or "dead-letter now".
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { httpStatus?: number; fields?: FieldProblem[]; permanent?: boolean } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get httpStatus(): number {
    return this.options.httpStatus ?? 500;
  }

  /** A permanent error will fail the same way on every attempt, so retrying it is pointless. */
  get permanent(): boolean {
    return this.options.permanent ?? false;
  }
}
