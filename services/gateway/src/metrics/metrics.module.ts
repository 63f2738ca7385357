import { Module } from '@nestjs/common';
import { AppMetricsResolver } from './app-metrics.resolver.js';
import { PrometheusController } from './prometheus.controller.js';

@Module({ providers: [AppMetricsResolver], controllers: [PrometheusController] })
export class MetricsModule {}
