import { Module } from '@nestjs/common';
import { CodecController } from './codec.controller.js';

@Module({ controllers: [CodecController] })
export class CodecModule {}
