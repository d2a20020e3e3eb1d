import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import type { TestApp } from './app';

/** An .xlsx export the API sends to this caller, read back as a workbook. */
export async function downloadWorkbook(t: TestApp, url: string, auth: { Authorization: string }): Promise<ExcelJS.Workbook> {
  const res = await t
    .http()
    .get(url)
    .set(auth)
    .buffer(true)
    .parse(asBytes)
    .expect(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as never);
  return wb;
}

/** supertest's parser for a file the API sends (an .xlsx export, a PNG code): the body as bytes. */
export function asBytes(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
