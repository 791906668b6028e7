import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class FieldProblemDoc {
  @ApiProperty({ example: 'limit' })
  field: string;

  @ApiProperty({ type: [String], example: ['limit must not be greater than 100'] })
  problems: string[];
}

export class ErrorDetailDoc {
  @ApiProperty({ description: 'A stable code', example: 'REQUEST.VALIDATION_FAILED' })
  code: string;

  @ApiProperty()
  message: string;

  @ApiPropertyOptional({ type: [FieldProblemDoc] })
  fields?: FieldProblemDoc[];
}

export class ErrorBodyDoc {
  @ApiProperty({ type: ErrorDetailDoc })
  error: ErrorDetailDoc;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request, with field-level reasons',
  404: 'No such article',
  429: 'Too many comments from this client; see Retry-After',
  502: 'An upstream service failed',
  503: 'An upstream service is unavailable, or Kafka did not acknowledge in time',
};

/** Documents the error answers a route can give, all shaped `{ error: { code, message, fields? } }`. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorBodyDoc })));
}
