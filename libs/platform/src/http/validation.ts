import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError, FieldProblem } from '../errors/app-error';

export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Paths of strings that are not well-formed UTF-16 (a lone surrogate), anywhere in a request value. */
export function malformedTextFields(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? [path || 'value'] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => malformedTextFields(item, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => malformedTextFields(item, path ? `${path}.${key}` : key));
  }
  return [];
}

/**
 * Refuses text that is not well-formed Unicode before any rule sees it: some validators (isEmail)
 * throw on a lone surrogate instead of failing, which would otherwise surface as a 500.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const malformed = malformedTextFields(value);
    if (malformed.length > 0) {
      throw new AppError(ErrorCodes.ValidationFailed, 'The request is invalid', {
        httpStatus: 400,
        fields: malformed.map((field) => ({ field, problems: [`${field} must be well-formed Unicode text`] })),
        permanent: true,
      });
    }
    return super.transform(value, metadata);
  }
}

/** Request bodies and queries: unknown fields are rejected, and every problem is reported per field. */
export function requestValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
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
