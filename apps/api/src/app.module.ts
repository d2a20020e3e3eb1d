import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { configNamespaces } from './config';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './modules/health/health.controller';
import { AccessGuard } from './modules/identity/access.guard';
import { LimitsModule } from './modules/limits/limits.module';
import { RateLimitGuard } from './modules/limits/rate-limit.guard';
import { WechatModule } from './modules/wechat/wechat.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { TicketsModule } from './modules/tickets/tickets.module';
import { DisclosuresModule } from './modules/disclosures/disclosures.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { OversightModule } from './modules/oversight/oversight.module';
import { InspectionsModule } from './modules/inspections/inspections.module';
import { MeetingsModule } from './modules/meetings/meetings.module';
import { VotesModule } from './modules/votes/votes.module';
import { PatrolsModule } from './modules/patrols/patrols.module';
import { AnnouncementsModule } from './modules/announcements/announcements.module';
import { SurveysModule } from './modules/surveys/surveys.module';
import { UploadsModule } from './modules/uploads/uploads.module';
import { IdentityCoreModule } from './modules/identity/identity-core.module';
import { IdentityModule } from './modules/identity/identity.module';
import { OrgModule } from './modules/org/org.module';
import { SharingModule } from './modules/sharing/sharing.module';
import { SeedModule } from './modules/seed/seed.module';

@Module({})
export class AppModule {
  /** Built at call time, after the environment is final (tests set it before calling). */
  static forRoot(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: configNamespaces }),
        DatabaseModule,
        LimitsModule,
        JobsModule,
        WechatModule,
        IdentityCoreModule,
        IdentityModule.register(),
        OrgModule,
        UploadsModule,
        NotificationsModule,
        TicketsModule,
        DisclosuresModule,
        OversightModule,
        SharingModule,
        InspectionsModule,
        MeetingsModule,
        VotesModule,
        PatrolsModule,
        AnnouncementsModule,
        SurveysModule,
        SeedModule,
      ],
      controllers: [HealthController],
      // Guards run in this order: who is calling (and may they call this route), then how often.
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
    };
  }
}
