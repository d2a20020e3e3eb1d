import { Module } from '@nestjs/common';
import { IdentityCoreModule } from '../identity/identity-core.module';
import { InspectionsModule } from '../inspections/inspections.module';
import { TicketsModule } from '../tickets/tickets.module';
import { MeetingItemLifecycleService } from './meeting-item-lifecycle.service';
import { MeetingsController } from './meetings.controller';
import { LiaisonsService } from './liaisons.service';
import { MediationsService } from './mediations.service';
import { MeetingStatsService } from './meeting-stats.service';
import { MeetingsService } from './meetings.service';
import { ReferralsService } from './referrals.service';

@Module({
  imports: [IdentityCoreModule, TicketsModule, InspectionsModule],
  controllers: [MeetingsController],
  providers: [MeetingsService, MeetingItemLifecycleService, ReferralsService, MediationsService, LiaisonsService, MeetingStatsService],
  exports: [MeetingItemLifecycleService, ReferralsService],
})
export class MeetingsModule {}
