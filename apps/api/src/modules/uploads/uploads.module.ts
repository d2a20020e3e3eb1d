import { Global, Module } from '@nestjs/common';
import { storageConfig, type StorageConfig } from '../../config';
import { createStorage } from './storage';
import { OBJECT_STORAGE } from './uploads.tokens';
import { UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

@Global()
@Module({
  controllers: [UploadsController],
  providers: [{ provide: OBJECT_STORAGE, inject: [storageConfig.KEY], useFactory: (config: StorageConfig) => createStorage(config) }, UploadsService],
  exports: [UploadsService],
})
export class UploadsModule {}
