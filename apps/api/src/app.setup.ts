import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { VersioningType } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, static as serveStatic, urlencoded, type Express, type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import { ApiExceptionFilter } from './common/error.filter';
import { DomainError } from './common/errors';
import { requestContext } from './common/request-context';
import { createValidationPipe } from './common/validation';
import { appConfig, type AppConfig } from './config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Everything about the HTTP pipeline, in one place that main.ts and the e2e tests share:
 * request ids, logging, /api prefix and /api/v1 versioning, validation, the one error shape, OpenAPI, and the
 * H5 build of the mini-program at `/`. Create the app with `bodyParser: false`: the JSON parser is set here.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<AppConfig>(appConfig.KEY);
  app.useLogger(app.get(Logger));
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // No weak ETag hashed over every JSON answer: the mini-program never revalidates API calls (static files keep theirs).
  app.set('etag', false);

  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const given = req.headers['x-request-id'];
    req.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    requestContext.run({ requestId: req.id }, next);
  });
  app.use(jsonBody());
  // Open311 clients (12345 hotlines) post form-encoded, as GeoReport v2 shows.
  app.use('/open311', urlencoded({ extended: false, limit: '100kb' }));

  app.setGlobalPrefix('api', { exclude: ['open311/{*path}'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('物业通 API')
      .setDescription(
        'Property-service platform: tickets (随手拍), disclosures (公示), oversight. Every error has the shape ' +
          '{statusCode, code, message, details?, requestId}. Lists use keyset pagination: pass nextCursor back as cursor.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });

  serveMiniProgram(app, config.webRoot);
  return app;
}

/** JSON bodies up to 1 MB; a body that is not JSON or too large gets the one error shape, not a bare 400. */
function jsonBody() {
  const parse = json({ limit: '1mb' });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: { type?: string }) => {
      if (!error) {
        const refused = checkShape(req.body);
        // Open311 clients read GeoReport v2's error list, not ours.
        if (refused && req.path.startsWith('/open311')) return void res.status(400).json([{ code: 400, description: refused.message }]);
        return next(refused);
      }
      if (req.path.startsWith('/open311')) return void res.status(error.type === 'entity.too.large' ? 413 : 400).json([{ code: 400, description: '请求内容不是有效的 JSON' }]);
      if (error.type === 'entity.too.large') return next(new DomainError(413, 'PAYLOAD_TOO_LARGE', '提交的内容太大了（不超过 1 MB）'));
      if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
        return next(new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', '请使用 UTF-8 编码提交'));
      }
      return next(new DomainError(400, 'MALFORMED_JSON', '请求内容不是有效的 JSON'));
    });
}

const MAX_JSON_DEPTH = 16;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * No request of ours nests deeper than a few levels; a deeper one (built to exhaust the stack of whatever walks it)
 * or one carrying prototype keys is refused before any code reads it. Walked iteratively: no recursion to exhaust.
 */
function checkShape(body: unknown): DomainError | undefined {
  const stack: [unknown, number][] = [[body, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return new DomainError(400, 'MALFORMED_JSON', `请求内容嵌套过深（不超过 ${MAX_JSON_DEPTH} 层）`);
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return new DomainError(400, 'MALFORMED_JSON', `请求内容含有不允许的字段名 ${key}`);
      stack.push([(value as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return undefined;
}

const NOT_FILES = /^\/(api|open311)(\/|$)/;

/** The H5 build at `/`; when it has not been built yet, a page that says how. */
function serveMiniProgram(app: NestExpressApplication, webRoot: string): void {
  const index = path.join(webRoot, 'index.html');
  if (fs.existsSync(index)) {
    const files = serveStatic(webRoot, {
      index: 'index.html',
      maxAge: '1h',
      setHeaders: (res, file) => {
        if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
      },
    });
    // API calls never look for a file on disk (a stat per request otherwise).
    app.use((req: Request, res: Response, next: NextFunction) => (NOT_FILES.test(req.path) ? next() : files(req, res, next)));
    return;
  }
  (app.getHttpAdapter().getInstance() as Express).get('/', (_req: Request, res: Response) => {
    res
      .status(200)
      .type('html')
      .send(
        '<!doctype html><meta charset="utf-8"><title>物业通</title>' +
          '<p>物业通 API 已启动。小程序 H5 版本尚未构建：请运行 <code>npm run build:h5</code> 后刷新。</p>' +
          '<p><a href="/api/docs">API 文档</a> · <a href="/api/health">健康检查</a></p>',
      );
  });
}
