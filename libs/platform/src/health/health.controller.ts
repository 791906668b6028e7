import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthRegistry } from './health.registry';

const READINESS_TIMEOUT_MS = 2000;

class LivenessDoc {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}

class ReadinessDoc {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status: 'ok' | 'unavailable';

  @ApiProperty({ description: 'One entry per dependency (Kafka, the store, ...): its state and, when it failed, why' })
  checks: Record<string, unknown>;
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  /** The process is up and its event loop answers. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ type: LivenessDoc })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Every dependency answers: safe to send traffic here. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: every dependency answers' })
  @ApiOkResponse({ type: ReadinessDoc })
  @ApiServiceUnavailableResponse({ type: ReadinessDoc, description: 'A dependency does not answer' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const { ok, checks } = await this.registry.run(READINESS_TIMEOUT_MS);
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks };
  }
}
