import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthService } from './health.service.js';

@Controller()
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  /** No auth: 200 when every dependency answers, 503 with the same body otherwise. */
  @Get('healthz')
  async healthz(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.health.check();
    await reply
      .code(report.status === 'ok' ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(report);
  }
}
