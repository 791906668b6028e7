import { ErrorCodes } from '@frontpage/contracts';
import { AppError, fieldProblems } from '@frontpage/platform';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * Validates a body against a DTO the way the global pipe does, for routes that pick the DTO by
 * content type. `strict` refuses undeclared fields (our own format); standards we only partly map
 * (ninjs) have theirs dropped instead.
 */
export function validateBody<T extends object>(dto: ClassConstructor<T>, body: unknown, strict: boolean): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(ErrorCodes.ValidationFailed, 'The request body must be a JSON object', { httpStatus: 400 });
  }
  const instance = plainToInstance(dto, body);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: strict, stopAtFirstError: true });
  if (errors.length > 0) {
    throw new AppError(ErrorCodes.ValidationFailed, 'The request is invalid', {
      httpStatus: 400,
      fields: fieldProblems(errors),
      permanent: true,
    });
  }
  return instance;
}
