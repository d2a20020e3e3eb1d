import { Module, OnModuleInit } from '@nestjs/common';
import { AuthService } from '../identity/auth.service';
import { IdentityCoreModule } from '../identity/identity-core.module';
import { JobSchedulerService } from '../jobs/job-scheduler.service';
import { SharingController } from './sharing.controller';
import { SharingService } from './sharing.service';

/** 业主监督群: share cards and the groups they reached. */
@Module({ imports: [IdentityCoreModule], controllers: [SharingController], providers: [SharingService], exports: [SharingService] })
export class SharingModule implements OnModuleInit {
  constructor(
    private readonly scheduler: JobSchedulerService,
    private readonly auth: AuthService,
  ) {}

  /** WeChat session keys are kept no longer than their sign-in may last. */
  onModuleInit(): void {
    this.scheduler.register('wechat-session-keys', () => this.auth.deleteExpiredWechatSessionKeys());
  }
}
