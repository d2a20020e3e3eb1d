import { Global, Module, OnModuleInit } from '@nestjs/common';
import { storageConfig, type StorageConfig } from '../../config';
import { JobSchedulerService } from '../jobs/job-scheduler.service';
import { createStorage } from './storage';
import { OBJECT_STORAGE } from './uploads.tokens';
import { UploaderGuard, UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

@Global()
@Module({
  controllers: [UploadsController],
  providers: [{ provide: OBJECT_STORAGE, inject: [storageConfig.KEY], useFactory: (config: StorageConfig) => createStorage(config) }, UploadsService, UploaderGuard],
  exports: [UploadsService],
})
export class UploadsModule implements OnModuleInit {
  constructor(
    private readonly scheduler: JobSchedulerService,
    private readonly uploads: UploadsService,
  ) {}

  /** Uploads nothing took within 24 hours are deleted, files and rows. */
  onModuleInit(): void {
    this.scheduler.register('uploads-unattached', () => this.uploads.deleteUnattached());
  }
}
