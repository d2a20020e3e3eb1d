import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource, In } from 'typeorm';
import { DISCLOSURE_STATE_LABELS, DISCLOSURE_TYPE_LABELS, INCOME_CATEGORY_LABELS, allocationRows, shanghaiDateTime, shareBasis, type DisclosureView } from '@wuye/contracts';
import { notFound } from '../../common/errors';
import type { Principal } from '../identity/principal';
import type { Community } from '../org/community.entity';
import { Disclosure } from './disclosure.entity';
import { DisclosuresService } from './disclosures.service';

const MONEY = '#,##0.00';
const FIELD_LABELS: Record<string, string> = {
  unit: '计价单位',
  propertyType: '物业类型',
  receivableFen: '应收（元）',
  receivedFen: '实收（元）',
  category: '类别',
  counterparty: '合作方',
  contractNo: '合同编号',
  usage: '用途',
  meterKind: '表计',
  quantity: '用量',
  contractor: '承包单位',
  date: '日期',
  areaForCenti: '同意面积（㎡）',
  areaAgainstCenti: '反对面积（㎡）',
  areaAbstainCenti: '弃权面积（㎡）',
  headsFor: '同意人数',
  headsAgainst: '反对人数',
  headsAbstain: '弃权人数',
  votePassed: '表决通过',
};
const KIND_LABELS: Record<string, string> = { fee_item: '收费项目', building: '楼栋', income: '收入', cost: '成本', use: '使用', meter: '表计', expense: '支出', withdrawal: '使用' };
const VALUE_LABELS: Record<string, string> = {
  ...INCOME_CATEGORY_LABELS,
  maintenance_fund: '补充维修资金',
  owners_decision: '业主大会决定',
  electricity: '电',
  water: '水',
  gas: '燃气',
  elevator: '电梯',
  fire: '消防',
  other: '其他',
};
const TOTAL_LABELS: Record<string, string> = {
  totalFen: '合计',
  receivableFen: '应收合计',
  receivedFen: '实收合计',
  incomeFen: '收入合计',
  costFen: '成本合计',
  netFen: '净收益',
  usedFen: '已使用',
  openingBalanceFen: '期初余额',
  closingBalanceFen: '期末余额',
  elevatorFen: '其中：电梯',
  fireFen: '其中：消防',
};

/** .xlsx exports (exceljs) that open in Excel and WPS: one sheet per disclosure, amounts in 元 with two decimals. */
@Injectable()
export class DisclosureExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly disclosures: DisclosuresService,
  ) {}

  async one(id: number, caller: Principal): Promise<{ filename: string; body: Buffer }> {
    const { view, community, shares } = await this.disclosures.loadForExport(id, caller);
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
      const loaded = await this.disclosures.loadForExport(d.id, caller);
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
    ws.addRow(['小区', community.name, '类别', DISCLOSURE_TYPE_LABELS[view.type], '期间', view.period]);
    ws.addRow(['状态', DISCLOSURE_STATE_LABELS[view.state], '版本', view.version, '公示时间', view.publishedAt ? shanghaiDateTime(view.publishedAt) : '']);
    ws.addRow(['更正原因', view.correctionReason ?? '']);
    ws.addRow(['防篡改指纹（SHA-256）', view.hash ?? '未公示']);
    ws.addRow(['说明', view.content.note ?? '']);
    ws.addRow([]);
    const fieldNames = [...new Set(view.lines.flatMap((l) => Object.keys(l.fields ?? {})))];
    const header = ws.addRow(['序号', '类别', '项目', '金额（元）', ...fieldNames.map((f) => FIELD_LABELS[f] ?? f), '凭证数']);
    header.font = { bold: true };
    header.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } }));
    for (const l of view.lines) {
      const row = ws.addRow([
        l.seq,
        KIND_LABELS[l.kind] ?? l.kind,
        l.item,
        l.amountFen === undefined ? null : l.amountFen / 100,
        ...fieldNames.map((f) => {
          const v = l.fields?.[f];
          if (v === undefined || v === null) return null;
          if (f.endsWith('Fen')) return Number(v) / 100;
          if (f.endsWith('Centi')) return Number(v) / 100;
          if (typeof v === 'boolean') return v ? '是' : '否';
          return typeof v === 'string' ? (VALUE_LABELS[v] ?? v) : v;
        }),
        l.attachments.length,
      ]);
      row.getCell(4).numFmt = MONEY;
      fieldNames.forEach((f, i) => {
        if (f.endsWith('Fen') || f.endsWith('Centi')) row.getCell(5 + i).numFmt = MONEY;
      });
    }
    ws.addRow([]);
    for (const [key, value] of Object.entries(view.totals)) {
      if (value === null) continue;
      if (key === 'collectionRateBp') ws.addRow(['', '', '收缴率', value / 10000]).getCell(4).numFmt = '0.00%';
      else if (key === 'items') continue;
      else ws.addRow(['', '', TOTAL_LABELS[key] ?? key, value / 100]).getCell(4).numFmt = MONEY;
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
