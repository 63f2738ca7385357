import { Module } from '@nestjs/common';
import { NotificationChannelResolver } from './notification-channel.resolver.js';
import { NotificationChannelService } from './notification-channel.service.js';

@Module({ providers: [NotificationChannelService, NotificationChannelResolver] })
export class NotificationsModule {}
