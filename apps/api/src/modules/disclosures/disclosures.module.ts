import { Module, OnModuleInit } from '@nestjs/common';
import { JobSchedulerService } from '../jobs/job-scheduler.service';
import { IdentityCoreModule } from '../identity/identity-core.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ChainService } from './chain.service';
import { ComplianceService } from './compliance.service';
import { DisclosuresController } from './disclosures.controller';
import { DisclosuresService } from './disclosures.service';
import { DisclosureExportService } from './export.service';

@Module({
  imports: [IdentityCoreModule, TicketsModule],
  controllers: [DisclosuresController],
  providers: [DisclosuresService, ChainService, ComplianceService, DisclosureExportService],
  exports: [DisclosuresService, ComplianceService],
})
export class DisclosuresModule implements OnModuleInit {
  constructor(
    private readonly scheduler: JobSchedulerService,
    private readonly disclosures: DisclosuresService,
  ) {}

  /** Questions unanswered past their deadline go before the committee and the community office. */
  onModuleInit(): void {
    this.scheduler.register('disclosure-questions', () => this.disclosures.flagOverdueQuestions());
  }
}
