import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ErrorCode, ErrorCodes } from '@frontpage/contracts';
import type { FastifyReply } from 'fastify';
import { AppError, FieldProblem } from '../errors/app-error';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldProblem[] };
}

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCodes.ValidationFailed,
  [HttpStatus.UNAUTHORIZED]: ErrorCodes.Unauthorized,
  [HttpStatus.FORBIDDEN]: ErrorCodes.Forbidden,
  [HttpStatus.NOT_FOUND]: ErrorCodes.NotFound,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCodes.PayloadTooLarge,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ErrorCodes.UnsupportedMediaType,
};

/** Every HTTP error leaves as `{ error: { code, message, fields? } }`; nothing internal leaks. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = this.toResponse(exception);
    // A refusal to take more work is the service working as meant, counted by its own metric: under a
    // load it sheds, one error line per refused request would be the flood that hides everything else.
    const shedding = exception instanceof AppError && exception.code === ErrorCodes.Overloaded;
    if (status >= 500 && !shedding) this.logger.error(exception instanceof Error ? exception : String(exception));
    void reply.status(status).send(body);
  }

  private toResponse(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof AppError) {
      const { code, message, options } = exception;
      return { status: exception.httpStatus, body: { error: { code, message, ...(options.fields ? { fields: options.fields } : {}) } } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCodes.Internal : ErrorCodes.ValidationFailed);
      return { status, body: { error: { code, message: exception.message } } };
    }
    // Fastify's own errors (a malformed JSON body, a wrong content type) carry a 4xx statusCode.
    const statusCode = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      const message = exception instanceof Error ? exception.message : 'Bad request';
      return { status: statusCode, body: { error: { code: CODE_BY_STATUS[statusCode] ?? ErrorCodes.ValidationFailed, message } } };
    }
    return { status: 500, body: { error: { code: ErrorCodes.Internal, message: 'Internal error' } } };
  }
}
