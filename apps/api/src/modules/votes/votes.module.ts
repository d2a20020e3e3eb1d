import { Module, OnModuleInit } from '@nestjs/common';
import { DisclosuresModule } from '../disclosures/disclosures.module';
import { IdentityCoreModule } from '../identity/identity-core.module';
import { JobSchedulerService } from '../jobs/job-scheduler.service';
import { VotesController } from './votes.controller';
import { VotesService } from './votes.service';

@Module({
  imports: [IdentityCoreModule, DisclosuresModule],
  controllers: [VotesController],
  providers: [VotesService],
  exports: [VotesService],
})
export class VotesModule implements OnModuleInit {
  constructor(
    private readonly scheduler: JobSchedulerService,
    private readonly votes: VotesService,
  ) {}

  /** Votes whose window has ended are closed and their results published. */
  onModuleInit(): void {
    this.scheduler.register('votes-close', () => this.votes.closeEnded());
  }
}
