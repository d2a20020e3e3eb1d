import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { newWorkbook } from '../../common/download';
import {
  INSPECTION_KIND_LABELS,
  INSPECTION_SECTION_LABELS,
  ITEM_RESULT_LABELS,
  RECTIFICATION_STATE_LABELS,
  periodDays,
  periodLabel,
  shanghaiDateTime,
  type InspectionFigures,
  type InspectionStats,
  type PatrolFigures,
} from '@wuye/contracts';
import type { Principal } from '../identity/principal';
import { applyScope, areaInScope, underArea } from '../identity/scope';
import { Community } from '../org/community.entity';
import { PropertyCompany } from '../org/property-company.entity';
import { PatrolsService } from '../patrols/patrols.service';
import { Inspection } from './inspection.entity';
import { InspectionsService } from './inspections.service';
import { Rectification } from './rectification.entity';

const ZERO: InspectionFigures = { inspections: 0, averageScore: null, ordersIssued: 0, ordersClosed: 0, ordersOverdue: 0, ordersOpen: 0 };

/**
 * 动态监管 in figures: inspections done, average score, orders issued, closed and overdue, per estate of an area and
 * period (by the day inspected); the same per estate and year beside the star-rating form; and the .xlsx exports.
 */
@Injectable()
export class InspectionStatsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly inspections: InspectionsService,
    private readonly patrols: PatrolsService,
  ) {}

  /** Figures per estate for inspections in [from, to] of the estates under `areaPath` (or one estate). */
  private async figures(where: { areaPath?: string; communityId?: number }, from: string, to: string): Promise<Map<number, InspectionFigures>> {
    const scoped = <T extends { andWhere: (sql: string, params?: object) => T }>(qb: T) => {
      qb.andWhere('i.inspected_on >= :from AND i.inspected_on <= :to', { from, to });
      const under = where.areaPath ? underArea('i.area_path', where.areaPath) : null;
      if (under) qb.andWhere(under.sql, under.params);
      if (where.communityId) qb.andWhere('i.community_id = :cid', { cid: where.communityId });
      return qb;
    };
    const inspected = await scoped(
      this.db
        .getRepository(Inspection)
        .createQueryBuilder('i')
        .select('i.community_id', 'communityId')
        .addSelect('COUNT(*)', 'n')
        .addSelect('SUM(i.score_tenths)', 'scoreSum')
        .addSelect('COUNT(i.score_tenths)', 'scored')
        .where('1 = 1'),
    )
      .groupBy('i.community_id')
      .getRawMany<{ communityId: number; n: number; scoreSum: number | null; scored: number }>();
    const orders = await scoped(
      this.db
        .getRepository(Rectification)
        .createQueryBuilder('r')
        .innerJoin(Inspection, 'i', 'i.id = r.inspection_id')
        .select('r.community_id', 'communityId')
        .addSelect('COUNT(*)', 'issued')
        .addSelect("SUM(CASE WHEN r.state = 'verified' THEN 1 ELSE 0 END)", 'closed')
        .addSelect('SUM(CASE WHEN r.overdue_at IS NOT NULL THEN 1 ELSE 0 END)', 'overdue')
        .where('1 = 1'),
    )
      .groupBy('r.community_id')
      .getRawMany<{ communityId: number; issued: number; closed: number; overdue: number }>();
    const result = new Map<number, InspectionFigures>();
    for (const row of inspected) {
      const scored = Number(row.scored);
      result.set(Number(row.communityId), { ...ZERO, inspections: Number(row.n), averageScore: scored ? Math.round(Number(row.scoreSum) / scored) / 10 : null });
    }
    for (const row of orders) {
      const id = Number(row.communityId);
      const [issued, closed] = [Number(row.issued), Number(row.closed)];
      result.set(id, { ...(result.get(id) ?? ZERO), ordersIssued: issued, ordersClosed: closed, ordersOverdue: Number(row.overdue), ordersOpen: issued - closed });
    }
    return result;
  }

  async stats(areaId: number, period: string, caller: Principal): Promise<InspectionStats> {
    const area = await areaInScope(this.db, caller, areaId);
    const { from, to } = periodDays(period);
    const perCommunity = await this.figures({ areaPath: area.path }, from, to);
    const communities = await applyScope(this.db.getRepository(Community).createQueryBuilder('c'), underArea('c.area_path', area.path)).orderBy('c.id', 'ASC').getMany();
    // 隐患排查 beside them: the rounds missed and late in the period (as on each estate's patrol statistics), the
    // hazards overdue now.
    const ids = communities.map((c) => c.id);
    const [rounds, overdue] = await Promise.all([this.patrols.roundsNotDone(ids, from, to), this.patrols.overdueHazards(ids)]);
    const rows = communities.map((c) => ({ id: c.id, name: c.name, ...(perCommunity.get(c.id) ?? ZERO), patrolsMissed: rounds.get(c.id)?.missed ?? 0, patrolsLate: rounds.get(c.id)?.late ?? 0, hazardsOverdue: overdue.get(c.id) ?? 0 }));
    // The area's average over every scored inspection (not an average of the estates' averages).
    const under = underArea('i.area_path', area.path);
    const overall = await this.db
      .getRepository(Inspection)
      .createQueryBuilder('i')
      .select('SUM(i.score_tenths)', 'scoreSum')
      .addSelect('COUNT(i.score_tenths)', 'scored')
      .where(under.sql, under.params)
      .andWhere('i.inspected_on >= :from AND i.inspected_on <= :to', { from, to })
      .getRawOne<{ scoreSum: number | null; scored: number }>();
    const averageScore = Number(overall?.scored) ? Math.round(Number(overall?.scoreSum) / Number(overall?.scored)) / 10 : null;
    return { area: { id: area.id, name: area.name }, period, from, to, total: { ...total(rows), averageScore }, communities: rows };
  }

  /** Beside the star-rating form: the estate's figures for the year. */
  async yearFigures(communityId: number, year: number): Promise<InspectionFigures> {
    return (await this.figures({ communityId }, `${year}-01-01`, `${year}-12-31`)).get(communityId) ?? ZERO;
  }

  /** One inspection as .xlsx: its items with results, notes and orders. */
  async exportInspection(id: number, caller: Principal): Promise<{ filename: string; body: Buffer }> {
    const i = await this.inspections.get(id, caller);
    const wb = newWorkbook();
    const sheet = wb.addWorksheet('检查记录');
    sheet.addRow([`${i.communityName} ${INSPECTION_KIND_LABELS[i.kind]}（${i.inspectedOn}）`]).font = { bold: true, size: 14 };
    sheet.addRow(['检查表', i.templateName, '检查单位', i.issuingArea, '检查人员', i.inspectors.join('、')]);
    sheet.addRow(['物业企业', i.companyName ?? '无', '得分', i.score ?? '不计分', '整改单', `${i.orders.issued}（已销号 ${i.orders.closed}，逾期 ${i.orders.overdue}）`]);
    sheet.addRow([]);
    sheet.addRow(['序号', '类别', '检查项目', '权重', '结果', '问题', '整改单号']).font = { bold: true };
    i.items.forEach((item, n) => sheet.addRow([n + 1, INSPECTION_SECTION_LABELS[item.section], item.text, item.weight, ITEM_RESULT_LABELS[item.result], item.note ?? '', item.rectificationId ?? '']));
    sheet.columns.forEach((col, n) => (col.width = n === 2 || n === 5 ? 36 : 12));
    return { filename: `${i.communityName}-检查记录-${i.inspectedOn}.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  /** The orders of an area's inspections in a period as .xlsx, with the figures per estate. */
  async exportOrders(areaId: number, period: string, caller: Principal): Promise<{ filename: string; body: Buffer }> {
    const stats = await this.stats(areaId, period, caller);
    const area = await areaInScope(this.db, caller, areaId);
    const under = underArea('i.area_path', area.path);
    const orders = await this.db
      .getRepository(Rectification)
      .createQueryBuilder('r')
      .innerJoin(Inspection, 'i', 'i.id = r.inspection_id')
      .where(under.sql, under.params)
      .andWhere('i.inspected_on >= :from AND i.inspected_on <= :to', { from: stats.from, to: stats.to })
      .orderBy('r.id', 'ASC')
      .getMany();
    const [communities, companies] = await Promise.all([
      this.db.getRepository(Community).findBy({ id: In([0, ...orders.map((o) => o.communityId)]) }),
      this.db.getRepository(PropertyCompany).findBy({ id: In([0, ...orders.map((o) => o.companyId)]) }),
    ]);
    const wb = newWorkbook();
    const summary = wb.addWorksheet('概览');
    summary.addRow([`${stats.area.name} 检查与整改（${periodLabel(period)}，${stats.from} 至 ${stats.to}）`]).font = { bold: true, size: 14 };
    summary.addRow([`导出时间 ${shanghaiDateTime(new Date())}`]);
    summary.addRow(['小区', '检查次数', '平均得分', '下发整改', '已销号', '逾期', '整改中', '漏巡', '超时或补录巡检', '隐患超期']).font = { bold: true };
    for (const c of [...stats.communities, { ...stats.total, name: `${stats.area.name}合计` }]) {
      summary.addRow([c.name, c.inspections, c.averageScore ?? '', c.ordersIssued, c.ordersClosed, c.ordersOverdue, c.ordersOpen, c.patrolsMissed, c.patrolsLate, c.hazardsOverdue]);
    }
    summary.columns.forEach((col, n) => (col.width = n === 0 ? 26 : 12));
    const list = wb.addWorksheet('整改单');
    list.addRow(['整改单号', '小区', '物业企业', '类别', '检查项目', '问题', '状态', '整改期限', '逾期']).font = { bold: true };
    for (const o of orders) {
      list.addRow([
        o.id,
        communities.find((c) => c.id === o.communityId)?.name ?? '',
        companies.find((c) => c.id === o.companyId)?.name ?? '',
        INSPECTION_SECTION_LABELS[o.section],
        o.itemText,
        o.note,
        RECTIFICATION_STATE_LABELS[o.state],
        shanghaiDateTime(o.deadlineAt),
        o.overdueAt ? '是' : '否',
      ]);
    }
    list.columns.forEach((col, n) => (col.width = n === 4 || n === 5 ? 36 : 14));
    return { filename: `${stats.area.name}-整改单-${period}.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
  }
}

function total(rows: (InspectionFigures & PatrolFigures)[]): Omit<InspectionFigures, 'averageScore'> & PatrolFigures {
  const sum = (key: Exclude<keyof (InspectionFigures & PatrolFigures), 'averageScore'>) => rows.reduce((acc, r) => acc + r[key], 0);
  return {
    inspections: sum('inspections'),
    ordersIssued: sum('ordersIssued'),
    ordersClosed: sum('ordersClosed'),
    ordersOverdue: sum('ordersOverdue'),
    ordersOpen: sum('ordersOpen'),
    patrolsMissed: sum('patrolsMissed'),
    patrolsLate: sum('patrolsLate'),
    hazardsOverdue: sum('hazardsOverdue'),
  };
}
