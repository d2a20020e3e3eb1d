import { Module, OnModuleInit } from '@nestjs/common';
import { JobSchedulerService } from '../jobs/job-scheduler.service';
import { IdentityCoreModule } from '../identity/identity-core.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ChainService } from './chain.service';
import { ComplianceService } from './compliance.service';
import { DisclosureDraftingService } from './disclosure-drafting.service';
import { DisclosureQuestionsService } from './disclosure-questions.service';
import { DisclosureReviewService } from './disclosure-review.service';
import { DisclosureSharesService } from './disclosure-shares.service';
import { DisclosureViewsService } from './disclosure-views.service';
import { DisclosuresController } from './disclosures.controller';
import { DisclosureExportService } from './export.service';

@Module({
  imports: [IdentityCoreModule, TicketsModule],
  controllers: [DisclosuresController],
  providers: [DisclosureViewsService, DisclosureDraftingService, DisclosureReviewService, DisclosureQuestionsService, DisclosureSharesService, ChainService, ComplianceService, DisclosureExportService],
  exports: [DisclosureQuestionsService, ComplianceService, ChainService],
})
export class DisclosuresModule implements OnModuleInit {
  constructor(
    private readonly scheduler: JobSchedulerService,
    private readonly questions: DisclosureQuestionsService,
  ) {}

  /** Questions unanswered past their deadline go before the committee and the community office. */
  onModuleInit(): void {
    this.scheduler.register('disclosure-questions', () => this.questions.flagOverdueQuestions());
  }
}
