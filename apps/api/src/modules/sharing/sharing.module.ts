import { Module } from '@nestjs/common';
import { IdentityCoreModule } from '../identity/identity-core.module';
import { SharingController } from './sharing.controller';
import { SharingService } from './sharing.service';

/** 业主监督群: share cards and the groups they reached. */
@Module({ imports: [IdentityCoreModule], controllers: [SharingController], providers: [SharingService], exports: [SharingService] })
export class SharingModule {}
