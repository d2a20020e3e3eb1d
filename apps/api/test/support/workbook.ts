import ExcelJS from 'exceljs';
import type { TestApp } from './app';

/** An .xlsx export the API sends to this caller, read back as a workbook. */
export async function downloadWorkbook(t: TestApp, url: string, auth: { Authorization: string }): Promise<ExcelJS.Workbook> {
  const res = await t
    .http()
    .get(url)
    .set(auth)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as never);
  return wb;
}
