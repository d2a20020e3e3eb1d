import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { COMMITTEE_GRADES, COMMITTEE_GRADE_LABELS, RESIDENT_CHANNELS, TICKET_SOURCE_LABELS, shanghaiDateTime, type Metrics } from '@wuye/contracts';
import type { Principal } from '../identity/principal';
import { OverviewService } from './overview.service';

const PCT = '0.0%';
const metricCells = (m: Metrics) => [m.total, m.onTimeResponseRate, m.onTimeResolutionRate, m.satisfactionRate, m.reopenRate, m.averageStars, m.overdueOpen];
const METRIC_HEADERS = ['工单数', '按时响应率', '按时办结率', '满意率', '重办率', '平均星级', '超时未办'];
/** Tickets per channel (内部报事 apart), and where satisfaction came from: ratings and return visits (回访). */
const channelCells = (m: Metrics) => [
  ...RESIDENT_CHANNELS.map((channel) => m.byChannel.find((c) => c.channel === channel)?.total ?? 0),
  m.internal.total,
  m.satisfactionSources.rated,
  m.satisfactionSources.ratedSatisfied,
  m.satisfactionSources.visited,
  m.satisfactionSources.visitedSatisfied,
  m.satisfactionSources.unreachable,
  m.satisfactionSources.pending,
];
const CHANNEL_HEADERS = [...RESIDENT_CHANNELS.map((c) => TICKET_SOURCE_LABELS[c]), TICKET_SOURCE_LABELS.internal, '评价数', '评价满意', '回访数', '回访满意', '无法联系', '待回访'];

/** Statistics and ratings of an area as .xlsx: the figures the bureau reports, from the system's own data. */
@Injectable()
export class StatsExportService {
  constructor(private readonly overview: OverviewService) {}

  async export(areaId: number, from: string, to: string, caller: Principal): Promise<{ filename: string; body: Buffer }> {
    const o = await this.overview.overview(areaId, from, to, caller);
    const companies = await this.overview.companies(areaId, from, to, caller);
    const wb = new ExcelJS.Workbook();
    wb.creator = '物业通';
    const format = (row: ExcelJS.Row, start: number) => [1, 2, 3, 4].forEach((i) => (row.getCell(start + i).numFmt = PCT));

    const summary = wb.addWorksheet('概览');
    summary.addRow([`${o.area.name} 物业服务统计（${from} 至 ${to}）`]).font = { bold: true, size: 14 };
    summary.addRow([`数据来源：系统工单汇总，随每次工单变化实时更新；导出时间 ${shanghaiDateTime(new Date())}`]);
    summary.addRow([]);
    summary.addRow(['区域', ...METRIC_HEADERS, '小区数', '公示逾期', '已成立业委会']).font = { bold: true };
    for (const c of o.children) format(summary.addRow([c.name, ...metricCells(c.metrics), c.communities, c.disclosureOverdue, c.committees]), 1);
    format(summary.addRow([`${o.area.name}合计`, ...metricCells(o.metrics), o.communities.length, o.communities.reduce((a, c) => a + c.disclosureOverdue, 0), o.committees.inPlace]), 1);
    summary.addRow([]);
    summary.addRow(['星级', '五星', '四星', '三星', '二星', '一星', '不定星', '未评']).font = { bold: true };
    summary.addRow(['小区数', o.stars['5'], o.stars['4'], o.stars['3'], o.stars['2'], o.stars['1'], o.stars.unrated, o.stars.none]);
    summary.addRow([]);
    summary.addRow(['业委会考评', ...COMMITTEE_GRADES.map((g) => COMMITTEE_GRADE_LABELS[g]), '未考评']).font = { bold: true };
    summary.addRow(['小区数', ...COMMITTEE_GRADES.map((g) => o.committeeGrades[g]), o.committeeGrades.none]);
    summary.columns.forEach((col) => (col.width = 14));

    const estates = wb.addWorksheet('小区');
    estates.addRow(['小区', '物业企业', ...METRIC_HEADERS, '公示逾期', '业委会', '星级', '业委会考评']).font = { bold: true };
    for (const c of o.communities) {
      format(estates.addRow([c.name, c.company?.name ?? '无', ...metricCells(c.metrics), c.disclosureOverdue, c.committee ? '已成立' : '未成立', c.stars === undefined ? '未评' : `${c.starsYear}年度 ${c.stars === null ? '不定星' : `${c.stars}星`}`, c.committeeGrade ? `${c.committeeGrade.year}年度 ${c.committeeGrade.gradeLabel}` : '未考评']), 2);
    }
    estates.columns.forEach((col, i) => (col.width = i < 2 ? 26 : 12));

    const firms = wb.addWorksheet('物业企业');
    firms.addRow(['企业', '服务小区', ...METRIC_HEADERS, '信用分', '信用等级', '约谈', '通报批评', '扣分']).font = { bold: true };
    for (const c of companies) {
      format(firms.addRow([c.name, c.communities, ...metricCells(c.metrics), c.credit.score, c.credit.grade, c.credit.last12Months.interview, c.credit.last12Months.criticism, c.credit.pointsDeducted]), 2);
    }
    firms.columns.forEach((col, i) => (col.width = i === 0 ? 30 : 12));

    const channels = wb.addWorksheet('渠道');
    channels.addRow(['区域 / 小区', ...CHANNEL_HEADERS]).font = { bold: true };
    for (const c of o.children) channels.addRow([c.name, ...channelCells(c.metrics)]);
    channels.addRow([`${o.area.name}合计`, ...channelCells(o.metrics)]).font = { bold: true };
    for (const c of o.communities) channels.addRow([c.name, ...channelCells(c.metrics)]);
    channels.columns.forEach((col, i) => (col.width = i === 0 ? 26 : 12));

    const byCategory = wb.addWorksheet('分类');
    byCategory.addRow(['分类', '工单数']).font = { bold: true };
    o.byCategory.forEach((c) => byCategory.addRow([c.name, c.count]));
    return { filename: `${o.area.name}-统计-${from}-${to}.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
  }
}
