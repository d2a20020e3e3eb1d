import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An .xlsx download under its Chinese name (RFC 5987), with a plain fallback for old clients. */
export function sendXlsx(res: FastifyReply, file: { filename: string; body: Buffer }, fallback = 'export.xlsx'): void {
  void res
    .header('Content-Type', XLSX)
    .header('Content-Disposition', `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .send(file.body);
}

/** A new workbook signed as ours (the exports' one start). */
export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '物业通';
  return wb;
}
