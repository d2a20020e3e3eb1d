import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp, createHttpAdapter } from './app.setup';
import { ConfigError, devSignInEnabled, readAppConfig, validateAllSettings, type AppConfig } from './config';

async function bootstrap(): Promise<void> {
  try {
    validateAllSettings();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const config = readAppConfig();
  const { port, host, listenBacklog: backlog } = config;
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(), createHttpAdapter(), { bufferLogs: true, bodyParser: false });
  configureApp(app);
  // SIGTERM: stop accepting connections, let in-flight requests finish, close the database, exit.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen({ port, host, backlog });
  const listening = (app.getHttpServer().address() as AddressInfo).port; // PORT=0: the one the system picked
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${listening}`;
  announce(config, url);
  // A parent that started this process with an IPC channel (the tests) is told where. The channel stays open (a
  // process manager may use it) and does not keep the process alive: nothing here listens on it.
  process.send?.({ listening: url });
}

/** Where to go now: a few lines for a person at a terminal, one log line for the JSON reader. */
function announce(config: AppConfig, url: string): void {
  if (config.logFormat === 'json') {
    new Logger('Main').log(`listening on ${url} (API under /api, docs at /api/docs)`);
    return;
  }
  const lines = [
    '',
    `物业通 is running on ${url}`,
    `  app (H5 build)  ${url}/`,
    `  API docs        ${url}/api/docs   (health: ${url}/api/health)`,
    devSignInEnabled() ? '  demo accounts   pick one on the app\'s sign-in page, e.g. resident.jinxiu (张阿姨) or manager.jinxiu (陈经理); all in README "Demo accounts"' : '',
    '  one line per request below (LOG_FORMAT=json for JSON lines)',
    '',
  ];
  process.stdout.write(`${lines.filter((line, i) => line !== '' || i === 0 || i === lines.length - 1).join('\n')}\n`);
}

bootstrap().catch((error) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
