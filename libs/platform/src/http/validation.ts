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

const MAX_REMEMBERED_QUERIES = 1000;

/**
 * Refuses text that is not well-formed Unicode before any rule sees it: some validators (isEmail)
 * throw on a lone surrogate instead of failing, which would otherwise surface as a 500.
 */
class RequestValidationPipe extends ValidationPipe {
  private readonly validQueries = new Map<ArgumentMetadata['metatype'], Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'query' || !metadata.metatype || !value || typeof value !== 'object') return this.check(value, metadata);
    // Query rules are pure, so a query that passed once passes again with the same result: hot list
    // queries skip class-transformer and class-validator. Only flat results (primitive values) are
    // remembered, failures never, and each caller gets its own copy.
    let valid = this.validQueries.get(metadata.metatype);
    if (!valid) this.validQueries.set(metadata.metatype, (valid = new Map()));
    const key = JSON.stringify(value);
    const known = valid.get(key);
    if (known) return Object.assign(Object.create(Object.getPrototypeOf(known) as object) as object, known);
    const result = await this.check(value, metadata);
    if (isFlat(result) && valid.size < MAX_REMEMBERED_QUERIES) {
      valid.set(key, Object.assign(Object.create(Object.getPrototypeOf(result) as object) as object, result));
    }
    return result;
  }

  private async check(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
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

function isFlat(value: unknown): value is object {
  return !!value && typeof value === 'object' && Object.values(value).every((item) => item === null || typeof item !== 'object');
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
