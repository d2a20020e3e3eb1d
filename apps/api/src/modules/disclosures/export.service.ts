import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource, In } from 'typeorm';
import {
  DISCLOSURE_STATE_LABELS,
  DISCLOSURE_TYPE_LABELS,
  TOTAL_ROWS,
  allocationRows,
  fieldLabelWithUnit,
  lineFields,
  lineKindSchema,
  periodLabel,
  shanghaiDateTime,
  shareBasis,
  type DisclosureView,
  type LineFieldSchema,
} from '@wuye/contracts';
import { notFound } from '../../common/errors';
import type { Principal } from '../identity/principal';
import type { Community } from '../org/community.entity';
import { Disclosure } from './disclosure.entity';
import { DisclosureViewsService } from './disclosure-views.service';

const MONEY = '#,##0.00';

/** The field of a column: the first kind of this disclosure's lines that has it (a disclosure has one type). */
const fieldOf = (lines: DisclosureView['lines'], name: string): LineFieldSchema | undefined =>
  lines.map((l) => lineFields(l.kind).find((f) => f.name === name)).find(Boolean);

/** .xlsx exports (exceljs) that open in Excel and WPS: one sheet per disclosure, amounts in 元 with two decimals. */
@Injectable()
export class DisclosureExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly views: DisclosureViewsService,
  ) {}

  async one(id: number, caller: Principal): Promise<{ filename: string; body: Buffer }> {
    const { view, community, shares } = await this.views.loadForExport(id, caller);
    const workbook = this.workbook();
    this.sheet(workbook, view, community, shares);
    return { filename: `${community.name}-${DISCLOSURE_TYPE_LABELS[view.type]}-${view.period}-v${view.version}.xlsx`, body: Buffer.from(await workbook.xlsx.writeBuffer()) };
  }

  /** A year of published disclosures of an estate, one sheet each. */
  async year(communityId: number, year: number, caller: Principal): Promise<{ filename: string; body: Buffer }> {
    if (!caller.mayInCommunity('disclosures.read', communityId)) throw notFound('community');
    const rows = await this.db.getRepository(Disclosure).find({ where: { communityId, state: In(['published', 'superseded']) }, order: { chainSeq: 'ASC' } });
    const ofYear = rows.filter((d) => d.period.startsWith(String(year)));
    const workbook = this.workbook();
    let community: Community | null = null;
    for (const d of ofYear) {
      const loaded = await this.views.loadForExport(d.id, caller);
      community = loaded.community;
      this.sheet(workbook, loaded.view, loaded.community, loaded.shares);
    }
    if (!ofYear.length) workbook.addWorksheet('说明').addRow([`${year} 年没有已公示的内容`]);
    return { filename: `${community?.name ?? communityId}-${year}年公示.xlsx`, body: Buffer.from(await workbook.xlsx.writeBuffer()) };
  }

  private workbook(): ExcelJS.Workbook {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = '物业通';
    workbook.created = new Date();
    return workbook;
  }

  private sheet(workbook: ExcelJS.Workbook, view: DisclosureView, community: Community, shares: { house: string; weight: number; shareFen: number }[]): void {
    const base = `${DISCLOSURE_TYPE_LABELS[view.type]}${view.period}v${view.version}`.replace(/[\\/?*[\]:]/g, '-').slice(0, 28);
    let name = base;
    for (let i = 2; workbook.getWorksheet(name); i++) name = `${base.slice(0, 25)}(${i})`;
    const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 8 }] });
    ws.addRow([view.title]).font = { bold: true, size: 14 };
    ws.addRow(['小区', community.name, '类别', DISCLOSURE_TYPE_LABELS[view.type], '期间', periodLabel(view.period)]);
    ws.addRow(['状态', DISCLOSURE_STATE_LABELS[view.state], '版本', view.version, '公示时间', view.publishedAt ? shanghaiDateTime(view.publishedAt) : '']);
    ws.addRow(['更正原因', view.correctionReason ?? '']);
    ws.addRow(['防篡改指纹（SHA-256）', view.hash ?? '未公示']);
    ws.addRow(['说明', view.content.note ?? '']);
    ws.addRow([]);
    const fieldNames = [...new Set(view.lines.flatMap((l) => Object.keys(l.fields ?? {})))];
    const specs = fieldNames.map((f) => fieldOf(view.lines, f));
    const header = ws.addRow(['序号', '类别', '项目', '金额（元）', ...fieldNames.map((f, i) => (f === 'votePassed' ? '表决通过' : specs[i] ? fieldLabelWithUnit(specs[i]) : f)), '凭证数']);
    header.font = { bold: true };
    header.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } }));
    for (const l of view.lines) {
      const row = ws.addRow([
        l.seq,
        lineKindSchema(l.kind)?.label ?? l.kind,
        l.item,
        l.amountFen === undefined ? null : l.amountFen / 100,
        ...fieldNames.map((f, i) => {
          const v = l.fields?.[f];
          const spec = specs[i];
          if (v === undefined || v === null) return null;
          if (typeof v === 'boolean') return v ? '是' : '否';
          // Money and areas as numbers Excel can sum (元, ㎡); choices in words.
          if (spec?.kind === 'fen' || spec?.kind === 'area') return Number(v) / 100;
          if (spec?.kind === 'choice') return spec.choices?.find((c) => c.value === v)?.label ?? v;
          return v;
        }),
        l.attachments.length,
      ]);
      row.getCell(4).numFmt = MONEY;
      specs.forEach((spec, i) => {
        if (spec?.kind === 'fen' || spec?.kind === 'area') row.getCell(5 + i).numFmt = MONEY;
      });
    }
    ws.addRow([]);
    for (const total of TOTAL_ROWS[view.type]) {
      const value = view.totals[total.key];
      if (typeof value !== 'number' || total.kind === 'count') continue;
      if (total.kind === 'rate') ws.addRow(['', '', total.label, value / 10000]).getCell(4).numFmt = '0.00%';
      else ws.addRow(['', '', total.label, value / 100]).getCell(4).numFmt = MONEY;
    }
    if (view.allocation) {
      ws.addRow([]);
      for (const row of allocationRows(view.allocation, view.totals.totalFen)) ws.addRow(['', '', row.label, row.text]);
    }
    if (view.myShares.length) {
      ws.addRow([]);
      for (const s of view.myShares) ws.addRow(['', '', `我的分摊：${s.house}（${s.basis}）`, s.shareFen / 100]).getCell(4).numFmt = MONEY;
    }
    ws.columns.forEach((col, i) => (col.width = i === 2 ? 36 : i === 1 ? 12 : 16));
    if (shares.length) {
      const detail = workbook.addWorksheet(`${name.slice(0, 25)}分摊`);
      const method = view.allocation?.method ?? 'area';
      // The basis in words, and as a number Excel can sum (m², houses or agreed shares).
      detail.addRow(['房屋', '分摊依据', method === 'area' ? '建筑面积（㎡）' : method === 'household' ? '户数' : '约定份额', '分摊金额（元）']).font = { bold: true };
      for (const s of shares) detail.addRow([s.house, shareBasis(method, s.weight), method === 'area' ? s.weight / 100 : s.weight, s.shareFen / 100]).getCell(4).numFmt = MONEY;
      const weights = shares.reduce((a, s) => a + s.weight, 0);
      detail.addRow(['合计', '', method === 'area' ? weights / 100 : weights, shares.reduce((a, s) => a + s.shareFen, 0) / 100]).getCell(4).numFmt = MONEY;
      detail.columns.forEach((col) => (col.width = 20));
    }
  }
}
