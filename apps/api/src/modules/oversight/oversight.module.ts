import { Module } from '@nestjs/common';
import { DisclosuresModule } from '../disclosures/disclosures.module';
import { IdentityCoreModule } from '../identity/identity-core.module';
import { InspectionsModule } from '../inspections/inspections.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { OrgModule } from '../org/org.module';
import { SharingModule } from '../sharing/sharing.module';
import { PatrolsModule } from '../patrols/patrols.module';
import { TicketsModule } from '../tickets/tickets.module';
import { SurveysModule } from '../surveys/surveys.module';
import { CommitteeEvaluationsService } from './committee-evaluations.service';
import { CreditService } from './credit.service';
import { EscalationQueueService } from './escalation-queue.service';
import { OversightController } from './oversight.controller';
import { OverviewService } from './overview.service';
import { RatingsService } from './ratings.service';
import { StatsExportService } from './stats-export.service';

@Module({
  imports: [IdentityCoreModule, OrgModule, TicketsModule, DisclosuresModule, SharingModule, InspectionsModule, PatrolsModule, MeetingsModule, SurveysModule],
  controllers: [OversightController],
  providers: [OverviewService, EscalationQueueService, RatingsService, CreditService, StatsExportService, CommitteeEvaluationsService],
  exports: [OverviewService, CreditService, CommitteeEvaluationsService],
})
export class OversightModule {}
