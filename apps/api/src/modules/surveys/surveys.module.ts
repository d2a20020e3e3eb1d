import { Module } from '@nestjs/common';
import { IdentityCoreModule } from '../identity/identity-core.module';
import { SurveysController } from './surveys.controller';
import { SurveysService } from './surveys.service';

@Module({
  imports: [IdentityCoreModule],
  controllers: [SurveysController],
  providers: [SurveysService],
  exports: [SurveysService],
})
export class SurveysModule {}
