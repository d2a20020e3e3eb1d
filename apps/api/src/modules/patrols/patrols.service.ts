import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, EntityManager, In } from 'typeorm';
import {
  DAY_MS,
  OPEN_TICKET_STATES,
  PATROL_CHECK_LATE_DAYS,
  PATROL_HAZARD_CATEGORY,
  PATROL_POINT_KIND_LABELS,
  addDays,
  endedPeriods,
  lastDayOfMonth,
  patrolCodeText,
  patrolPeriod,
  patrolPlanSpans,
  patrolRound,
  patrolRoundInProgress,
  sentInTime,
  shanghaiDate,
  spanGoverns,
  shanghaiDayStart,
  type HazardRegister,
  type LatePatrol,
  type MissedPatrol,
  type PatrolPlanEdit,
  type PatrolCheckView,
  type PatrolPlanView,
  type PatrolPointView,
  type PatrolPlanUpdate,
  type PatrolStats,
} from '@wuye/contracts';
import { conflict, invalid, notFound } from '../../common/errors';
import { scrubPersonal } from '../../common/privacy';
import { servesEstate } from '../identity/people';
import type { Principal } from '../identity/principal';
import { applyScope, communityScope } from '../identity/scope';
import { User } from '../identity/user.entity';
import { Community } from '../org/community.entity';
import { isOverdue } from '../tickets/deadlines';
import { Ticket } from '../tickets/ticket.entity';
import { TicketsService } from '../tickets/tickets.service';
import { UploadsService } from '../uploads/uploads.service';
import { PatrolCheckDto, PatrolPlanDto, PatrolPlansQuery, PatrolPlanUpdateDto, PatrolPointDto } from './dto/patrol.dto';
import { PatrolCheck, PatrolPlan, PatrolPlanVersion, PatrolPoint } from './patrol.entities';
import { qrPng } from './qr';

/** The instants a period of Shanghai days spans: [first day 00:00, day after the last 00:00). */
const span = (period: { from: string; to: string }) => [shanghaiDayStart(period.from), shanghaiDayStart(addDays(period.to, 1))] as const;

/** A plan's versions oldest first, the plan as it now is last: what patrolPlanSpans reads. */
type PlanChain = (Pick<PatrolPlan, 'pointIds' | 'frequency' | 'windowStart' | 'windowEnd' | 'assigneeId'> & { replacedOn: string | null })[];
const chainOf = (plan: PatrolPlan, versions: PatrolPlanVersion[]): PlanChain => [...versions.filter((v) => v.planId === plan.id), { ...plan, replacedOn: null }];

/**
 * 隐患排查: check points and their printed codes, patrol plans, checks (an abnormal one opens a hazard ticket through
 * the ticket lifecycle, as 内部报事 of the estate), the hazard register, and the patrols missed per month.
 */
@Injectable()
export class PatrolsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tickets: TicketsService,
    private readonly uploads: UploadsService,
  ) {}

  private async community(communityId: number, caller: Principal, policy: 'patrols.read' | 'patrols.manage' | 'patrols.check'): Promise<Community> {
    const community = await this.db.getRepository(Community).findOneBy({ id: communityId });
    if (!community || !caller.mayInCommunity(policy, communityId)) throw notFound('community');
    return community;
  }

  // ─── Points ─────────────────────────────────────────────────────────────────────────────────────────────────

  async points(communityId: number, caller: Principal): Promise<PatrolPointView[]> {
    await this.community(communityId, caller, 'patrols.read');
    const points = await this.db.getRepository(PatrolPoint).find({ where: { communityId, active: true }, order: { id: 'ASC' } });
    const latest = points.length
      ? await this.db
          .getRepository(PatrolCheck)
          .createQueryBuilder('c')
          .where('c.pointId IN (:...ids)', { ids: points.map((p) => p.id) })
          .andWhere('c.id IN (SELECT MAX(c2.id) FROM patrol_check c2 WHERE c2.point_id = c.point_id)')
          .getMany()
      : [];
    return points.map((p) => {
      const last = latest.find((c) => c.pointId === p.id);
      return { id: p.id, communityId: p.communityId, name: p.name, place: p.place, kind: p.kind, code: p.code, lastCheck: last ? { result: last.result, checkedAt: last.checkedAt.toISOString() } : null };
    });
  }

  async createPoint(communityId: number, dto: PatrolPointDto, caller: Principal): Promise<PatrolPointView> {
    await this.community(communityId, caller, 'patrols.manage');
    const saved = await this.db.getRepository(PatrolPoint).save(
      this.db.getRepository(PatrolPoint).create({ communityId, name: dto.name.trim(), place: dto.place.trim(), kind: dto.kind, code: randomBytes(8).toString('hex'), active: true, createdById: caller.userId }),
    );
    return { id: saved.id, communityId, name: saved.name, place: saved.place, kind: saved.kind, code: saved.code, lastCheck: null };
  }

  /**
   * 停用: the point leaves every plan of the estate from the end of each plan's period in progress, like any edit (the
   * round in progress still counts it, so retiring an unchecked point does not take its round away); its checks, and
   * the hazards they opened, stay in the history. A retired point cannot be printed or checked again, except by a
   * check made before it was retired and sent later.
   */
  async retirePoint(communityId: number, pointId: number, caller: Principal): Promise<void> {
    await this.community(communityId, caller, 'patrols.manage');
    const point = await this.db.getRepository(PatrolPoint).findOneBy({ id: pointId, communityId });
    if (!point) throw notFound('patrolPoint');
    if (!point.active) throw conflict('PATROL_POINT_RETIRED', '该巡检点已经停用', { pointId });
    await this.db.transaction(async (m) => {
      if (!(await m.getRepository(PatrolPoint).update({ id: pointId, active: true }, { active: false, retiredAt: new Date() })).affected) throw conflict('PATROL_POINT_RETIRED', '该巡检点已经停用', { pointId });
      for (const plan of await m.getRepository(PatrolPlan).findBy({ communityId })) {
        if (plan.pointIds.includes(pointId)) await this.revise(m, plan, { pointIds: plan.pointIds.filter((id) => id !== pointId) }, caller.userId);
      }
    });
  }

  /** The printable code of a point: a QR code the app scans (wx.scanCode) to open it. */
  async codePng(pointId: number, caller: Principal): Promise<{ filename: string; body: Buffer }> {
    const point = await this.point(pointId, caller, 'patrols.read');
    return { filename: `巡检点-${point.name}.png`, body: await qrPng(patrolCodeText(point.id, point.code)) };
  }

  /** A point in use; with `madeAt` (a check's time), also one retired after then. */
  private async point(pointId: number, caller: Principal, policy: 'patrols.read' | 'patrols.check', madeAt?: Date): Promise<PatrolPoint> {
    const point = await this.db.getRepository(PatrolPoint).findOneBy({ id: pointId });
    const inUse = point && (point.active || (madeAt && point.retiredAt && madeAt < point.retiredAt));
    if (!point || !inUse || !caller.mayInCommunity(policy, point.communityId)) throw notFound('patrolPoint');
    return point;
  }

  // ─── Plans ──────────────────────────────────────────────────────────────────────────────────────────────────

  /** A plan as the manager wrote it, checked against the estate: its own points in use, a window, its own staff. */
  private async planFields(communityId: number, dto: PatrolPlanUpdate): Promise<Pick<PatrolPlan, 'name' | 'pointIds' | 'frequency' | 'windowStart' | 'windowEnd' | 'assigneeId'>> {
    const pointIds = [...new Set(dto.pointIds)];
    if ((await this.db.getRepository(PatrolPoint).countBy({ id: In(pointIds), communityId, active: true })) !== pointIds.length) {
      throw invalid('巡检点须是本小区在用的巡检点', { field: 'pointIds' }, 'INVALID_PATROL_POINTS');
    }
    if (dto.windowEnd <= dto.windowStart) throw invalid('巡检时段的结束应晚于开始', { field: 'windowEnd' }, 'INVALID_PATROL_WINDOW');
    if (!(await servesEstate(this.db.manager, dto.assigneeId, communityId))) throw invalid('巡检人须是本小区物业的员工', { field: 'assigneeId' }, 'INVALID_ASSIGNEE');
    return { name: dto.name.trim(), pointIds, frequency: dto.frequency, windowStart: dto.windowStart, windowEnd: dto.windowEnd, assigneeId: dto.assigneeId };
  }

  async createPlan(dto: PatrolPlanDto, caller: Principal): Promise<PatrolPlanView> {
    await this.community(dto.communityId, caller, 'patrols.manage');
    const fields = await this.planFields(dto.communityId, dto);
    const saved = await this.db.getRepository(PatrolPlan).save(this.db.getRepository(PatrolPlan).create({ communityId: dto.communityId, ...fields, startsOn: shanghaiDate(), createdById: caller.userId }));
    return (await this.planViews([saved]))[0];
  }

  /**
   * Changes a plan's points, frequency, window or assignee. The assignee takes over at once; the points, frequency and
   * window count from the day after the period in progress ends (patrolPlanSpans): that period, and those already
   * ended, keep being counted against the plan as it was. Only the estate's manager; another estate's plan is not found.
   */
  async updatePlan(id: number, dto: PatrolPlanUpdateDto, caller: Principal): Promise<PatrolPlanView> {
    const plan = await this.db.getRepository(PatrolPlan).findOneBy({ id });
    if (!plan || !caller.mayInCommunity('patrols.manage', plan.communityId)) throw notFound('patrolPlan');
    const fields = await this.planFields(plan.communityId, dto);
    await this.db.transaction((m) => this.revise(m, plan, fields, caller.userId));
    return (await this.planViews([{ ...plan, ...fields }]))[0];
  }

  /** The one writer of a plan's rounds: keeps the version it replaces when the points, frequency, window or assignee change. */
  private async revise(m: EntityManager, plan: PatrolPlan, fields: Partial<PatrolPlan>, by: number): Promise<void> {
    const changed = (['pointIds', 'frequency', 'windowStart', 'windowEnd', 'assigneeId'] as const).some((k) => k in fields && JSON.stringify(fields[k]) !== JSON.stringify(plan[k]));
    if (changed) {
      const { pointIds, frequency, windowStart, windowEnd, assigneeId } = plan;
      await m.getRepository(PatrolPlanVersion).insert({ planId: plan.id, communityId: plan.communityId, pointIds, frequency, windowStart, windowEnd, assigneeId, replacedOn: shanghaiDate(), replacedById: by });
    }
    await m.getRepository(PatrolPlan).update(plan.id, fields);
  }

  /** Plans of the caller's estates, or only theirs (今日巡检), each with the points still to check this period. */
  async plans(query: PatrolPlansQuery, caller: Principal): Promise<PatrolPlanView[]> {
    const qb = applyScope(this.db.getRepository(PatrolPlan).createQueryBuilder('p'), communityScope(caller, 'patrols.read', 'p.community_id')).orderBy('p.id', 'ASC');
    if (query.communityId) qb.andWhere('p.communityId = :cid', { cid: query.communityId });
    if (query.mine) qb.andWhere('p.assigneeId = :me', { me: caller.userId });
    return this.planViews(await qb.take(100).getMany());
  }

  private async planViews(plans: PatrolPlan[]): Promise<PatrolPlanView[]> {
    if (!plans.length) return [];
    const today = shanghaiDate();
    const versions = await this.db.getRepository(PatrolPlanVersion).find({ where: { planId: In(plans.map((p) => p.id)) }, order: { replacedOn: 'ASC', id: 'ASC' } });
    // The round in progress follows the version the period began under; the plan as written may wait for its end.
    const rounds = plans.map((plan) => {
      const spans = patrolPlanSpans(chainOf(plan, versions), plan.startsOn);
      const pending = spans[spans.length - 1].from > today ? { from: spans[spans.length - 1].from } : null;
      return { plan, pending, ...(patrolRoundInProgress(spans, plan.startsOn, today) ?? { version: plan, period: patrolPeriod(plan.frequency, today) }) };
    });
    const pointIds = [...new Set(rounds.flatMap((r) => r.version.pointIds))];
    const [points, users, communities] = await Promise.all([
      this.db.getRepository(PatrolPoint).findBy({ id: In(pointIds) }),
      this.db.getRepository(User).findBy({ id: In(plans.map((p) => p.assigneeId)) }),
      this.db.getRepository(Community).findBy({ id: In(plans.map((p) => p.communityId)) }),
    ]);
    // The checks of the longest current period (a month) cover every plan's.
    const [since] = span(patrolPeriod('monthly', today));
    const weekStart = span(patrolPeriod('weekly', today))[0];
    const checks = await this.db.getRepository(PatrolCheck).find({ where: { pointId: In(pointIds), checkedAt: Between(since < weekStart ? since : weekStart, new Date(Date.now() + DAY_MS)) }, order: { checkedAt: 'ASC', id: 'ASC' } });
    return rounds.map(({ plan, version, period, pending }) => ({
      id: plan.id,
      communityId: plan.communityId,
      communityName: communities.find((c) => c.id === plan.communityId)?.name ?? '',
      name: plan.name,
      pointIds: plan.pointIds,
      frequency: plan.frequency,
      windowStart: plan.windowStart,
      windowEnd: plan.windowEnd,
      assigneeId: plan.assigneeId,
      assigneeName: users.find((u) => u.id === plan.assigneeId)?.displayName ?? '',
      round: { frequency: version.frequency, windowStart: version.windowStart, windowEnd: version.windowEnd },
      period,
      // A point retired during the period still owes its round (shown, no longer checkable); one retired before, not.
      points: version.pointIds.flatMap((id) => {
        const point = points.find((p) => p.id === id);
        if (!point || (!point.active && (!point.retiredAt || shanghaiDate(point.retiredAt) < period.from))) return [];
        const { outcome, check } = patrolRound(checks.filter((c) => c.pointId === id), period, version);
        return [{ id, name: point.name, place: point.place, kind: point.kind, checkedAt: check?.checkedAt.toISOString() ?? null, result: check?.result ?? null, late: outcome === 'late', sentLate: outcome === 'late' && !sentInTime(check as PatrolCheck), retired: !point.active }];
      }),
      pending,
    }));
  }

  // ─── Checks ─────────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Records a check. Normal: the check alone. Abnormal (a note and a photo required): a hazard ticket of the estate
   * is opened through the ticket lifecycle (内部报事, its place the point) and the check cites it. Sent again with its
   * Idempotency-Key (an offline check), it is recorded once and opens one ticket.
   */
  async check(dto: PatrolCheckDto, caller: Principal, key?: string): Promise<{ check: PatrolCheckView; replayed: boolean }> {
    const earlier = async () => {
      const row = key ? await this.db.getRepository(PatrolCheck).findOneBy({ checkedById: caller.userId, idempotencyKey: key }) : null;
      return row ? { check: (await this.checkViews([row]))[0], replayed: true } : null;
    };
    const replay = await earlier();
    if (replay) return replay;
    const now = new Date();
    const checkedAt = dto.checkedAt === undefined ? now : new Date(dto.checkedAt);
    if (Number.isNaN(checkedAt.getTime()) || checkedAt.getTime() > now.getTime() + 5 * 60_000 || checkedAt.getTime() < now.getTime() - PATROL_CHECK_LATE_DAYS * DAY_MS) {
      throw invalid(`巡检时间须在最近 ${PATROL_CHECK_LATE_DAYS} 天内，且不晚于现在`, { field: 'checkedAt' });
    }
    // A check made offline before the point was retired still arrives (its plan no longer lists the point).
    const point = await this.point(dto.pointId, caller, 'patrols.check', checkedAt);
    if (dto.code !== undefined && dto.code !== point.code) throw invalid('扫描的巡检码与巡检点不符，请重新扫码', { field: 'code' });
    if (dto.planId !== undefined) {
      const plan = await this.db.getRepository(PatrolPlan).findOneBy({ id: dto.planId, communityId: point.communityId });
      // A point dropped from the plan (or retired) is still owed in the period in progress, and an offline check of it
      // may arrive later: either names a plan that listed it before.
      const listed = plan && (plan.pointIds.includes(point.id) || (await this.db.getRepository(PatrolPlanVersion).findBy({ planId: plan.id })).some((v) => v.pointIds.includes(point.id)));
      if (!listed) throw invalid('该巡检点不在这个巡检计划中', { field: 'planId' });
    }
    const note = dto.note?.trim() || null;
    const photoIds = dto.photoIds ?? [];
    if (dto.result === 'abnormal' && !note) throw invalid('巡检异常，请写明发现的问题', { field: 'note' });
    if (dto.result === 'abnormal' && !photoIds.length) throw invalid('巡检异常，请至少拍一张现场照片', { field: 'photoIds' });

    // The ticket takes the photos; an earlier attempt with this key that got as far as the ticket is reused.
    const ticketId = dto.result === 'abnormal' ? await this.openHazard(point, note as string, photoIds, caller.userId, key) : null;
    let saved: PatrolCheck;
    try {
      saved = await this.db.transaction(async (m) => {
        if (dto.result === 'normal') await this.uploads.claim(photoIds, caller.userId, m);
        return m.getRepository(PatrolCheck).save(
          m.getRepository(PatrolCheck).create({ communityId: point.communityId, pointId: point.id, planId: dto.planId ?? null, result: dto.result, note, photoIds, checkedAt, checkedById: caller.userId, ticketId, idempotencyKey: key ?? null }),
        );
      });
    } catch (error) {
      const twin = await earlier();
      if (twin) return twin;
      throw error;
    }
    return { check: (await this.checkViews([saved]))[0], replayed: false };
  }

  /**
   * The hazard ticket of an abnormal check: kind hazard, the category of the point's kind, the point as its place,
   * filed by the checker as the estate's own (内部报事) through the ticket lifecycle. With a key, an earlier attempt
   * that got as far as the ticket is reused.
   */
  async openHazard(point: PatrolPoint, note: string, photoIds: number[], reporterId: number, key?: string): Promise<number> {
    const existing = key ? await this.db.getRepository(Ticket).findOneBy({ reporterId, idempotencyKey: key }) : null;
    if (existing) return existing.id;
    const ticket = await this.tickets.insertTicket(
      { communityId: point.communityId, kind: 'hazard', categoryCode: PATROL_HAZARD_CATEGORY[point.kind], description: `巡检异常：${point.name}（${PATROL_POINT_KIND_LABELS[point.kind]}）。${note}`, photoIds, place: `${point.name}，${point.place}` },
      { reporterId, source: 'internal', idempotencyKey: key ?? null, heldForReview: false },
    );
    return ticket.id;
  }

  async checks(communityId: number, caller: Principal): Promise<PatrolCheckView[]> {
    await this.community(communityId, caller, 'patrols.read');
    return this.checkViews(await this.db.getRepository(PatrolCheck).find({ where: { communityId }, order: { id: 'DESC' }, take: 50 }));
  }

  private async checkViews(rows: PatrolCheck[]): Promise<PatrolCheckView[]> {
    if (!rows.length) return [];
    const [points, users] = await Promise.all([this.db.getRepository(PatrolPoint).findBy({ id: In(rows.map((r) => r.pointId)) }), this.db.getRepository(User).findBy({ id: In(rows.map((r) => r.checkedById)) })]);
    return Promise.all(
      rows.map(async (r) => ({
        id: r.id,
        pointId: r.pointId,
        pointName: points.find((p) => p.id === r.pointId)?.name ?? '',
        planId: r.planId,
        result: r.result,
        note: r.note,
        photos: await this.uploads.photoViews(r.photoIds, false),
        checkedAt: r.checkedAt.toISOString(),
        receivedAt: r.createdAt.toISOString(),
        checkedBy: users.find((u) => u.id === r.checkedById)?.displayName ?? '',
        ticketId: r.ticketId,
      })),
    );
  }

  // ─── Hazard register and missed patrols ─────────────────────────────────────────────────────────────────────

  /** 隐患台账: the estate's open hazard tickets, emergencies first, then the oldest; those past their deadline flagged. */
  async hazards(communityId: number, caller: Principal): Promise<HazardRegister> {
    await this.community(communityId, caller, 'patrols.read');
    const open = await this.openHazards([communityId], 500);
    const cited = open.length ? await this.db.getRepository(PatrolCheck).findBy({ ticketId: In(open.map((t) => t.id)) }) : [];
    const points = cited.length ? await this.db.getRepository(PatrolPoint).findBy({ id: In(cited.map((c) => c.pointId)) }) : [];
    const now = Date.now();
    const items = open
      .map((t) => ({
        ticketId: t.id,
        categoryName: t.categoryName,
        summary: scrubPersonal(t.description).slice(0, 60),
        place: t.place,
        state: t.state,
        emergency: t.emergency,
        createdAt: t.createdAt.toISOString(),
        ageDays: Math.floor((now - t.createdAt.getTime()) / DAY_MS),
        overdue: isOverdue(t, now),
        pointName: points.find((p) => p.id === cited.find((c) => c.ticketId === t.id)?.pointId)?.name ?? null,
      }))
      .sort((a, b) => Number(b.emergency) - Number(a.emergency) || b.ageDays - a.ageDays || a.ticketId - b.ticketId);
    return { open: items.length, overdue: items.filter((i) => i.overdue).length, emergency: items.filter((i) => i.emergency).length, items };
  }

  /** Open hazard tickets of these estates, oldest first. */
  private openHazards(communityIds: number[], take?: number): Promise<Ticket[]> {
    if (!communityIds.length) return Promise.resolve([]);
    return this.db.getRepository(Ticket).find({ where: { communityId: In(communityIds), kind: 'hazard', state: In([...OPEN_TICKET_STATES]) }, order: { id: 'ASC' }, take });
  }

  /** Per estate, the hazards the register flags 逾期 now (open past their category's deadline); estates with none left out. */
  async overdueHazards(communityIds: number[], now = Date.now()): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    for (const t of await this.openHazards(communityIds)) if (isOverdue(t, now)) counts.set(t.communityId, (counts.get(t.communityId) ?? 0) + 1);
    return counts;
  }

  /**
   * Rounds missed (no check at all) and late (超时巡检 or 补录) in the months from `from` to `to` (YYYY-MM-DD), per
   * estate with a plan.
   */
  async roundsNotDone(communityIds: number[], from: string, to: string): Promise<Map<number, { missed: number; late: number }>> {
    const planned = communityIds.length ? [...new Set((await this.db.getRepository(PatrolPlan).find({ select: ['communityId'], where: { communityId: In(communityIds) } })).map((p) => p.communityId))] : [];
    const counts = new Map<number, { missed: number; late: number }>();
    for (const communityId of planned) {
      const count = { missed: 0, late: 0 };
      for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addDays(`${month}-28`, 7).slice(0, 7)) {
        const stats = await this.monthStats(communityId, month);
        count.missed += stats.missed.length;
        count.late += stats.late.length;
      }
      counts.set(communityId, count);
    }
    return counts;
  }

  /** The month's patrols: point × period slots whose period ended, those checked, and those missed. */
  async stats(communityId: number, month: string, caller: Principal): Promise<PatrolStats> {
    await this.community(communityId, caller, 'patrols.read');
    return { ...(await this.monthStats(communityId, month)), edits: await this.edits(communityId, month) };
  }

  async monthStats(communityId: number, month: string, today = shanghaiDate()): Promise<Omit<PatrolStats, 'edits'>> {
    const from = `${month}-01`;
    const to = lastDayOfMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
    const [plans, versions, points] = await Promise.all([
      this.db.getRepository(PatrolPlan).findBy({ communityId }),
      this.db.getRepository(PatrolPlanVersion).find({ where: { communityId }, order: { replacedOn: 'ASC', id: 'ASC' } }),
      this.db.getRepository(PatrolPoint).findBy({ communityId }),
    ]);
    // Each period is counted against the version of its plan it began under (an edit waits for the period to end).
    const slots: (MissedPatrol & { window: Pick<PatrolPlan, 'windowStart' | 'windowEnd'> })[] = [];
    for (const plan of plans) {
      for (const planSpan of patrolPlanSpans(chainOf(plan, versions), plan.startsOn)) {
        const { frequency, pointIds } = planSpan.version;
        for (const period of endedPeriods(frequency, from, to, today)) {
          if (!spanGoverns(planSpan, period, plan.startsOn)) continue;
          for (const pointId of pointIds) slots.push({ planId: plan.id, planName: plan.name, pointId, pointName: points.find((p) => p.id === pointId)?.name ?? '', period, window: planSpan.version });
        }
      }
    }
    const earliest = slots.reduce((min, s) => (s.period.from < min ? s.period.from : min), from);
    const checks = slots.length ? await this.db.getRepository(PatrolCheck).find({ where: { communityId, checkedAt: Between(span({ from: earliest, to: earliest })[0], span({ from: to, to })[1]) }, order: { checkedAt: 'ASC', id: 'ASC' } }) : [];
    const missed: MissedPatrol[] = [];
    const late: LatePatrol[] = [];
    for (const { window, ...slot } of slots) {
      const { outcome, check } = patrolRound(checks.filter((c) => c.pointId === slot.pointId), slot.period, { windowStart: window.windowStart, windowEnd: window.windowEnd });
      if (outcome === 'missed') missed.push(slot);
      if (outcome === 'late' && check) late.push({ ...slot, checkedAt: check.checkedAt.toISOString(), receivedAt: check.createdAt.toISOString(), sentLate: !sentInTime(check) });
    }
    const done = slots.length - missed.length - late.length;
    return { communityId, month, due: slots.length, done, completionRate: slots.length ? Math.round((done / slots.length) * 10000) / 10000 : null, missed, late };
  }

  /**
   * The plan edits made in the month (only the office's and the estate's view of the month needs them, not the area
   * statistics): each version replaced then, against the one after it (or the plan as it is now), and the day the
   * edit counts from.
   */
  private async edits(communityId: number, month: string): Promise<PatrolPlanEdit[]> {
    const from = `${month}-01`;
    const to = lastDayOfMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
    const versions = await this.db.getRepository(PatrolPlanVersion).find({ where: { communityId }, order: { replacedOn: 'ASC', id: 'ASC' } });
    const inMonth = versions.filter((v) => v.replacedOn >= from && v.replacedOn <= to);
    if (!inMonth.length) return [];
    const [plans, points] = await Promise.all([this.db.getRepository(PatrolPlan).findBy({ communityId }), this.db.getRepository(PatrolPoint).findBy({ communityId })]);
    const people = await this.db.getRepository(User).findBy({ id: In([...inMonth.map((v) => v.replacedById), ...versions.map((v) => v.assigneeId), ...plans.map((p) => p.assigneeId)]) });
    const name = (id: number) => points.find((p) => p.id === id)?.name ?? '';
    const person = (id: number) => people.find((u) => u.id === id)?.displayName ?? '';
    const windowOf = (v: Pick<PatrolPlan, 'windowStart' | 'windowEnd'>) => `${v.windowStart}–${v.windowEnd}`;
    return inMonth.map((before) => {
      const plan = plans.find((p) => p.id === before.planId) as PatrolPlan;
      const chain = chainOf(plan, versions);
      const after = chain[chain.indexOf(before) + 1];
      return {
        planId: plan.id,
        planName: plan.name,
        on: before.replacedOn,
        takesEffectOn: patrolPlanSpans(chain, plan.startsOn).find((s) => s.version === after)?.from ?? null,
        by: person(before.replacedById),
        removed: before.pointIds.filter((id) => !after.pointIds.includes(id)).map(name),
        added: after.pointIds.filter((id) => !before.pointIds.includes(id)).map(name),
        window: windowOf(before) === windowOf(after) ? null : { from: windowOf(before), to: windowOf(after) },
        frequency: before.frequency === after.frequency ? null : { from: before.frequency, to: after.frequency },
        assignee: before.assigneeId === after.assigneeId ? null : { from: person(before.assigneeId), to: person(after.assigneeId) },
      };
    });
  }

  /** Beside the star-rating form: the completion rate of the year's last month that has ended. */
  async completionRate(communityId: number, year: number): Promise<number | null> {
    const today = shanghaiDate();
    const lastMonth = shanghaiDate(shanghaiDayStart(`${today.slice(0, 7)}-01`).getTime() - 1).slice(0, 7);
    const month = String(year) < today.slice(0, 4) ? `${year}-12` : lastMonth.startsWith(String(year)) ? lastMonth : null;
    return month ? (await this.monthStats(communityId, month, today)).completionRate : null;
  }
}
