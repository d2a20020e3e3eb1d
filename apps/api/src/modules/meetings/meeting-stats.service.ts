import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays, periodDays, periodLabel, shanghaiDateTime, shanghaiTimeOn, type MeetingFigures, type MeetingStats } from '@wuye/contracts';
import { newWorkbook } from '../../common/download';
import type { Principal } from '../identity/principal';
import { applyScope, areaInScope, underArea } from '../identity/scope';
import { Community } from '../org/community.entity';
import { MeetingItem } from './meeting-item.entity';
import { MeetingCommunity } from './meeting-community.entity';
import { Meeting } from './meeting.entity';
import { Mediation } from './mediation.entity';

const ZERO: MeetingFigures = { meetings: 0, itemsAgreed: 0, itemsDone: 0, itemsVerified: 0, disputesTaken: 0, disputesResolved: 0 };
const FIGURES = Object.keys(ZERO) as (keyof MeetingFigures)[];

/**
 * The county's figures for its joint work, per estate of an area and period: meetings held (a meeting covering several
 * estates counts in each of their rows and once in the total) and the items they agreed (each in its own estate's row)
 * (by the day held; done and verified as they stand now), disputes taken to mediation (by the day taken) and
 * resolved (化解). "已召开…会议221场次，议定项目498个，化解矛盾纠纷112条".
 */
@Injectable()
export class MeetingStatsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async stats(areaId: number, period: string, caller: Principal): Promise<MeetingStats> {
    const area = await areaInScope(this.db, caller, areaId);
    const { from, to } = periodDays(period);
    const under = (column: string) => underArea(column, area.path);
    // A meeting counts once in each estate row it covers, and once in the area's total (not once per estate).
    const held = () =>
      applyScope(
        this.db.getRepository(MeetingCommunity).createQueryBuilder('mc').innerJoin(Meeting, 'm', 'm.id = mc.meeting_id').where('m.held_on >= :from AND m.held_on <= :to', { from, to }),
        under('mc.area_path'),
      );
    const meetings = await held().select('mc.community_id', 'communityId').addSelect('COUNT(*)', 'n').groupBy('mc.community_id').getRawMany<{ communityId: number; n: number }>();
    const distinct = await held().select('COUNT(DISTINCT mc.meeting_id)', 'n').getRawOne<{ n: number }>();
    // Each item belongs to one estate: it counts in that estate's row and once in the total.
    const items = await applyScope(this.db.getRepository(MeetingItem).createQueryBuilder('i'), under('c.area_path'))
      .innerJoin(Meeting, 'm', 'm.id = i.meeting_id')
      .innerJoin(Community, 'c', 'c.id = i.community_id')
      .select('i.community_id', 'communityId')
      .addSelect('COUNT(*)', 'agreed')
      .addSelect("SUM(CASE WHEN i.state IN ('done', 'verified') THEN 1 ELSE 0 END)", 'done')
      .addSelect("SUM(CASE WHEN i.state = 'verified' THEN 1 ELSE 0 END)", 'verified')
      .andWhere('m.held_on >= :from AND m.held_on <= :to', { from, to })
      .groupBy('i.community_id')
      .getRawMany<{ communityId: number; agreed: number; done: number; verified: number }>();
    // Disputes by the Shanghai day they were taken: [from 00:00, the day after `to` 00:00).
    const disputes = await applyScope(this.db.getRepository(Mediation).createQueryBuilder('d'), under('d.area_path'))
      .select('d.community_id', 'communityId')
      .addSelect('COUNT(*)', 'taken')
      .addSelect("SUM(CASE WHEN d.outcome = 'resolved' THEN 1 ELSE 0 END)", 'resolved')
      .andWhere('d.created_at >= :start AND d.created_at < :end', { start: new Date(shanghaiTimeOn(from, '00:00')), end: new Date(shanghaiTimeOn(addDays(to, 1), '00:00')) })
      .groupBy('d.community_id')
      .getRawMany<{ communityId: number; taken: number; resolved: number }>();
    const communities = await applyScope(this.db.getRepository(Community).createQueryBuilder('c'), under('c.area_path')).orderBy('c.id', 'ASC').getMany();
    const rows = communities.map((c) => {
      const m = meetings.find((r) => Number(r.communityId) === c.id);
      const i = items.find((r) => Number(r.communityId) === c.id);
      const d = disputes.find((r) => Number(r.communityId) === c.id);
      return {
        id: c.id,
        name: c.name,
        meetings: Number(m?.n ?? 0),
        itemsAgreed: Number(i?.agreed ?? 0),
        itemsDone: Number(i?.done ?? 0),
        itemsVerified: Number(i?.verified ?? 0),
        disputesTaken: Number(d?.taken ?? 0),
        disputesResolved: Number(d?.resolved ?? 0),
      };
    });
    const total = { ...(Object.fromEntries(FIGURES.map((k) => [k, rows.reduce((sum, r) => sum + r[k], 0)])) as unknown as MeetingFigures), meetings: Number(distinct?.n ?? 0) };
    return { area: { id: area.id, name: area.name }, period, from, to, total, communities: rows };
  }

  /** The same as .xlsx: one row per estate and the area's total. */
  async export(areaId: number, period: string, caller: Principal): Promise<{ filename: string; body: Buffer }> {
    const stats = await this.stats(areaId, period, caller);
    const wb = newWorkbook();
    const sheet = wb.addWorksheet('联席会议与调解');
    sheet.addRow([`${stats.area.name} 联席会议与矛盾纠纷化解（${periodLabel(period)}，${stats.from} 至 ${stats.to}）`]).font = { bold: true, size: 14 };
    sheet.addRow([`导出时间 ${shanghaiDateTime(new Date())}`]);
    sheet.addRow(['小区', '召开会议', '议定项目', '已落实', '已核验', '受理纠纷', '化解纠纷']).font = { bold: true };
    for (const c of [...stats.communities, { ...stats.total, name: `${stats.area.name}合计` }]) sheet.addRow([c.name, ...FIGURES.map((k) => c[k])]);
    sheet.columns.forEach((col, n) => (col.width = n === 0 ? 26 : 12));
    return { filename: `${stats.area.name}-联席会议-${period}.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
  }
}
