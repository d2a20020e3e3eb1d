import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { requestLogLevel, requestLogProps } from './common/request-log';
import { appConfig, configNamespaces, type AppConfig } from './config';
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
import { UploadsModule } from './modules/uploads/uploads.module';
import { IdentityCoreModule } from './modules/identity/identity-core.module';
import { IdentityModule } from './modules/identity/identity.module';
import { OrgModule } from './modules/org/org.module';
import { SeedModule } from './modules/seed/seed.module';

type LoggedRequest = IncomingMessage & { id?: string };

@Module({})
export class AppModule {
  /** Built at call time, after the environment is final (tests set it before calling). */
  static forRoot(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: configNamespaces }),
        LoggerModule.forRootAsync({
          inject: [appConfig.KEY],
          useFactory: (app: AppConfig) => ({
            pinoHttp: {
              level: app.logLevel,
              // The request id is set by configureApp's first middleware (or taken from X-Request-Id).
              genReqId: (req: IncomingMessage) => (req as LoggedRequest).id ?? '',
              // pino-http skips a falsy result (its types ask for an object).
              customProps: requestLogProps as (req: IncomingMessage) => object,
              customLogLevel: requestLogLevel(app.logLevel),
              autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
              serializers: {
                req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
              redact: ['req.headers.authorization', 'req.headers.cookie'],
            },
            // Every route, in path-to-regexp 8's syntax (the default '*' makes Express 5 warn at each start).
            forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          }),
        }),
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
