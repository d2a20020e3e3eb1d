import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { periodDays, quarterOf, shanghaiDate, type AttendanceCompliance, type AttendanceStatus, type LiaisonView } from '@wuye/contracts';
import { invalid, notFound } from '../../common/errors';
import type { Principal } from '../identity/principal';
import { applyScope, areaCovers, areaInScope, areaRoots, underArea } from '../identity/scope';
import { Community } from '../org/community.entity';
import { LiaisonDto } from './dto/meeting.dto';
import { Liaison } from './liaison.entity';
import { MeetingCommunity } from './meeting-community.entity';
import { Meeting } from './meeting.entity';

/**
 * 挂钩领导: the county assigns a leader to each estate, who sits in on its joint meeting every quarter. Attendance is
 * compliance as disclosures' is: per estate and quarter, met (a meeting the leader signed in at), due while the
 * quarter runs, overdue once it ended without one.
 */
@Injectable()
export class LiaisonsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The county assigns leaders to the estates below it: a town's regulator may not. */
  private async assignsIn(areaPath: string, caller: Principal): Promise<boolean> {
    const roots = await areaRoots(this.db, caller, 'liaisons.manage');
    return roots === 'all' || roots.some((r) => r.level === 'county' && areaCovers(r, areaPath));
  }

  /** Assigns the leader; one the estate had before steps down in the same transaction. */
  async assign(dto: LiaisonDto, caller: Principal): Promise<LiaisonView> {
    const community = await this.db.getRepository(Community).findOneBy({ id: dto.communityId });
    if (!community || !(await this.assignsIn(community.areaPath, caller))) throw notFound('community');
    const name = dto.name.trim();
    const title = dto.title.trim();
    if (!name || !title) throw invalid('请填写挂钩领导的姓名和职务', { field: name ? 'title' : 'name' });
    const saved = await this.db.transaction(async (m) => {
      await m.getRepository(Liaison).update({ communityId: community.id, endedAt: IsNull() }, { endedAt: new Date() });
      return m.getRepository(Liaison).save(m.getRepository(Liaison).create({ communityId: community.id, name, title, assignedById: caller.userId, endedAt: null }));
    });
    return { id: saved.id, communityId: community.id, communityName: community.name, name, title, since: shanghaiDate(saved.createdAt) };
  }

  /** Every estate of the area in the quarter: its leader and whether they sat in on a meeting. */
  async compliance(areaId: number, period: string | undefined, caller: Principal): Promise<AttendanceCompliance> {
    const area = await areaInScope(this.db, caller, areaId);
    const quarter = period ?? quarterOf(shanghaiDate());
    if (!/^\d{4}-Q[1-4]$/.test(quarter)) throw invalid('请选择一个季度，例如 2026-Q4', { field: 'period' });
    const { from, to } = periodDays(quarter);
    const today = shanghaiDate();
    if (from > today) throw invalid('这个季度还没有开始', { field: 'period' });
    const communities = await applyScope(this.db.getRepository(Community).createQueryBuilder('c'), underArea('c.area_path', area.path)).orderBy('c.id', 'ASC').getMany();
    const ids = communities.map((c) => c.id);
    const [liaisons, meetings] = ids.length
      ? await Promise.all([
          this.db.getRepository(Liaison).find({ where: { communityId: In(ids), endedAt: IsNull() } }),
          this.db
            .getRepository(Meeting)
            .createQueryBuilder('m')
            .innerJoin(MeetingCommunity, 'mc', 'mc.meeting_id = m.id')
            .addSelect('mc.community_id', 'covered')
            .where('mc.community_id IN (:...ids) AND m.heldOn >= :from AND m.heldOn <= :to', { ids, from, to })
            .orderBy('m.heldOn', 'ASC')
            .getRawAndEntities(),
        ])
      : [[], { raw: [], entities: [] }];
    // Each estate a meeting covered: a 协调委员会 with the leaders of several estates counts for each of them.
    const held = meetings.raw.map((r: { covered: number; m_id: number }) => ({ communityId: Number(r.covered), meeting: meetings.entities.find((m) => m.id === Number(r.m_id)) as Meeting }));
    return {
      area: { id: area.id, name: area.name },
      period: quarter,
      canAssign: await this.assignsIn(area.path, caller),
      rows: communities.map((c) => {
        const liaison = liaisons.find((l) => l.communityId === c.id) ?? null;
        // The leader signed the sheet as 挂钩领导 under their own name.
        const met = liaison ? held.find((h) => h.communityId === c.id && h.meeting.attendees.some((a) => a.party === 'liaison' && a.name === liaison.name))?.meeting : undefined;
        const status: AttendanceStatus | null = !liaison ? null : met ? 'met' : to < today ? 'overdue' : 'due';
        return { communityId: c.id, communityName: c.name, liaison: liaison && { name: liaison.name, title: liaison.title }, status, meetingId: met?.id ?? null };
      }),
    };
  }
}
