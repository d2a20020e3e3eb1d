import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An S3-compatible server on loopback, enough for the storage adapter: path-style PUT, GET, DELETE of objects,
 * with the SigV4 Authorization header or presigned query required (not verified: the AWS SDK signs, we store).
 */
export class FakeS3 {
  readonly objects = new Map<string, { body: Buffer; contentType: string }>();
  readonly requests: { method: string; path: string; signed: boolean }[] = [];
  private server?: http.Server;

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const key = decodeURIComponent(url.pathname.slice(1)); // "bucket/key"
        const signed = Boolean(req.headers.authorization?.startsWith('AWS4-HMAC-SHA256') || url.searchParams.get('X-Amz-Signature'));
        this.requests.push({ method: req.method ?? '', path: key, signed });
        if (!signed) return void res.writeHead(403).end('<Error><Code>AccessDenied</Code></Error>');
        if (req.method === 'PUT') {
          this.objects.set(key, { body: Buffer.concat(chunks), contentType: String(req.headers['content-type'] ?? '') });
          return void res.writeHead(200, { ETag: '"fake"' }).end();
        }
        if (req.method === 'GET') {
          const object = this.objects.get(key);
          if (!object) return void res.writeHead(404, { 'Content-Type': 'application/xml' }).end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>no</Message></Error>');
          return void res.writeHead(200, { 'Content-Type': object.contentType, 'Content-Length': object.body.length }).end(object.body);
        }
        if (req.method === 'DELETE') {
          this.objects.delete(key);
          return void res.writeHead(204).end();
        }
        res.writeHead(405).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
