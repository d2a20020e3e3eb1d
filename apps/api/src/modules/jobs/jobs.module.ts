import { Global, Module } from '@nestjs/common';
import { JobLeaseService } from './job-lease.service';
import { JobSchedulerService } from './job-scheduler.service';

@Global()
@Module({ providers: [JobLeaseService, JobSchedulerService], exports: [JobLeaseService, JobSchedulerService] })
export class JobsModule {}
