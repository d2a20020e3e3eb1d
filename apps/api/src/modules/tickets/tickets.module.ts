import { Module } from '@nestjs/common';
import { ContentSecurityService } from '../content/content-security.service';
import { WechatEventsController } from '../content/wechat-events.controller';
import { IdentityCoreModule } from '../identity/identity-core.module';
import { OrgModule } from '../org/org.module';
import { CategoriesService } from './categories.service';
import { DeadlineFloorsController } from './deadline-floors.controller';
import { Open311ClientsController, Open311Controller } from './open311.controller';
import { Open311Service } from './open311.service';
import { TicketStatsService } from './stats.service';
import { TicketJobsService } from './ticket-jobs.service';
import { TicketLifecycleService } from './ticket-lifecycle.service';
import { TicketViewsService } from './ticket-views.service';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';
import { WorkloadService } from './workload.service';
import { ReporterPhoneService } from './reporter-phone.service';
import { RollupsService } from './rollups.service';

@Module({
  imports: [IdentityCoreModule, OrgModule],
  controllers: [TicketsController, Open311Controller, Open311ClientsController, WechatEventsController, DeadlineFloorsController],
  providers: [
    TicketsService,
    TicketViewsService,
    CategoriesService,
    TicketLifecycleService,
    TicketStatsService,
    WorkloadService,
    ReporterPhoneService,
    TicketJobsService,
    Open311Service,
    ContentSecurityService,
    RollupsService,
  ],
  exports: [TicketsService, TicketJobsService, CategoriesService, TicketLifecycleService, ContentSecurityService, RollupsService, TicketViewsService],
})
export class TicketsModule {}
