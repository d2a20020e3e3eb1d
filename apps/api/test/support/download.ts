import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import type { TestApp } from './app';

/** supertest's parser for a file the API sends (an .xlsx export): the body as bytes. */
export function asBytes(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Downloads an .xlsx export as this caller (200 expected) and opens it. */
export async function readXlsx(t: TestApp, url: string, auth: { Authorization: string }): Promise<ExcelJS.Workbook> {
  const res = await t.http().get(url).set(auth).buffer(true).parse(asBytes).expect(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as never);
  return wb;
}
