import { Module } from '@nestjs/common';
import { IdentityCoreModule } from '../identity/identity-core.module';
import { PatrolsModule } from '../patrols/patrols.module';
import { InspectionsController } from './inspections.controller';
import { InspectionStatsService } from './inspection-stats.service';
import { InspectionsService } from './inspections.service';
import { RectificationLifecycleService } from './rectification-lifecycle.service';
import { RectificationsService } from './rectifications.service';

@Module({
  imports: [IdentityCoreModule, PatrolsModule],
  controllers: [InspectionsController],
  providers: [InspectionsService, RectificationsService, RectificationLifecycleService, InspectionStatsService],
  exports: [InspectionsService, RectificationLifecycleService, InspectionStatsService],
})
export class InspectionsModule {}
