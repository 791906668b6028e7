import { applyDecorators } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class ApiFieldProblem {
  @ApiProperty({ example: 'limit' })
  field: string;

  @ApiProperty({ type: [String], example: ['limit must not be greater than 100'] })
  problems: string[];
}

export class ApiErrorDetail {
  @ApiProperty({ description: 'A stable code', enum: Object.values(ErrorCodes), example: ErrorCodes.ValidationFailed })
  code: string;

  @ApiProperty()
  message: string;

  @ApiPropertyOptional({ type: [ApiFieldProblem] })
  fields?: ApiFieldProblem[];
}

/** The one shape every HTTP error of every service has (see HttpErrorFilter). */
export class ApiErrorBody {
  @ApiProperty({ type: ApiErrorDetail })
  error: ApiErrorDetail;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request, with field-level reasons',
  401: 'Missing or invalid credentials',
  403: 'The credentials do not allow this',
  404: 'Not found',
  409: 'Not possible in the current state',
  413: 'The body is too large',
  415: 'The Content-Type is not accepted here',
  422: 'Understood, but nothing usable could be taken from it',
  429: 'Too many requests; see Retry-After',
  502: 'An upstream service failed',
  503: 'A dependency (Kafka, the store, an upstream service) is unavailable or did not answer in time',
};

/**
 * Documents the error answers a route can give, all shaped `{ error: { code, message, fields? } }`.
 * Give a status alone for the usual description, or `[status, description]` to say more.
 */
export function ApiErrors(...statuses: (number | [number, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((entry) => {
      const [status, description] = Array.isArray(entry) ? entry : [entry, DESCRIPTIONS[entry] ?? 'Error'];
      return ApiResponse({ status, description, type: ApiErrorBody });
    }),
  );
}
