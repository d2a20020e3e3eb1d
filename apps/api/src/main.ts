import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp, createHttpAdapter } from './app.setup';
import { ConfigError, readAppConfig, validateAllSettings } from './config';

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
  const { port, host } = readAppConfig();
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(), createHttpAdapter(), { bufferLogs: true, bodyParser: false });
  configureApp(app);
  // SIGTERM: stop accepting connections, let in-flight requests finish, close the database, exit.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(port, host);
  process.stdout.write(`物业通 listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port} (API under /api, docs at /api/docs)\n`);
}

bootstrap().catch((error) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
