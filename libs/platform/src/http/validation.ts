import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError, FieldProblem } from '../errors/app-error';

export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** Request bodies and queries: unknown fields are rejected, and every problem is reported per field. */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) =>
      new AppError(ErrorCodes.ValidationFailed, 'The request is invalid', {
        httpStatus: 400,
        fields: fieldProblems(errors),
        permanent: true,
      }),
  });
}
