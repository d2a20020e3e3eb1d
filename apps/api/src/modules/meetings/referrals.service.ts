import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { REFERRAL_TIER_LABELS, REFERRAL_TIERS, type Page, type ReferralTier, type ReferralView } from '@wuye/contracts';
import { conflict, notFound } from '../../common/errors';
import { scrubPersonal } from '../../common/privacy';
import type { Principal } from '../identity/principal';
import { Escalation } from '../tickets/escalation.entity';
import { TicketLifecycleService } from '../tickets/ticket-lifecycle.service';
import { Ticket } from '../tickets/ticket.entity';
import { keysetPage } from '../../common/pagination';
import { applyScope, communityScopeFor } from '../identity/scope';
import { Community } from '../org/community.entity';
import { ReferDto } from './dto/meeting.dto';
import { MediationsService } from './mediations.service';
import { Referral } from './referral.entity';

const alreadyReferred = (to: ReferralTier) => conflict('ALREADY_REFERRED', `该督办已经${REFERRAL_TIER_LABELS[to]}，请等待处理`);

/**
 * 小事不出小区、大事不出社区: from its 督办 queue the office sends a ticket up a tier — to the estate's next joint
 * meeting (whose form then offers it as agenda), up to the town (its regulator's queue), or to mediation (a record
 * opens). The ticket's timeline says so; the escalation stays open until the office closes it with the result.
 */
/** A ticket as the office reads it in a referral: category and the description, masked. */
const subjectOf = (t: Pick<Ticket, 'categoryName' | 'description'>) => `${t.categoryName}：${scrubPersonal(t.description).slice(0, 60)}`;

@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tickets: TicketLifecycleService,
    private readonly mediations: MediationsService,
  ) {}

  /** Whether the caller handles this escalation and may refer it (the 督办 page's buttons come from tiersOpen). */
  private mayRefer(escalation: Escalation, caller: Principal): boolean {
    return caller.mayInCommunity('escalations.handle', escalation.communityId) && caller.mayInCommunity('meetings.write', escalation.communityId);
  }

  /** The tiers the caller may send this escalation up to now. */
  tiersOpen(escalation: Escalation, referred: readonly ReferralTier[], caller: Principal): ReferralTier[] {
    if (escalation.state !== 'open' || !this.mayRefer(escalation, caller)) return [];
    return REFERRAL_TIERS.filter((tier) => !referred.includes(tier));
  }

  async refer(escalationId: number, dto: ReferDto, caller: Principal): Promise<ReferralView> {
    const escalation = await this.db.getRepository(Escalation).findOneBy({ id: escalationId });
    if (!escalation || !this.mayRefer(escalation, caller)) throw notFound('escalation');
    if (escalation.state === 'closed') throw conflict('ESCALATION_CLOSED', '该督办已经结束');
    if (await this.db.getRepository(Referral).existsBy({ escalationId, tier: dto.to })) throw alreadyReferred(dto.to);
    const ticket = await this.db.getRepository(Ticket).findOneByOrFail({ id: escalation.ticketId });
    const plan = this.tickets.plan(ticket, { kind: 'referred', to: dto.to }, { now: new Date(), actorId: caller.userId, actors: ['office'] });
    let id = 0;
    try {
      await this.tickets.commit(ticket, plan, async (m) => {
        const community = await m.getRepository(Community).findOneByOrFail({ id: escalation.communityId });
        // Mediation opens its record at once: the dispute counts as taken from today.
        const mediation = dto.to === 'mediation' ? await this.mediations.open(m, community, { subject: subjectOf(ticket), parties: [], ticketId: ticket.id }, caller) : null;
        const saved = await m.getRepository(Referral).save(
          m.getRepository(Referral).create({ escalationId, ticketId: ticket.id, communityId: escalation.communityId, tier: dto.to, note: dto.note?.trim() || null, meetingId: null, mediationId: mediation?.id ?? null, createdById: caller.userId }),
        );
        id = saved.id;
      });
    } catch (error) {
      // Two taps at once: the unique (escalation, tier) lets one through.
      if (await this.db.getRepository(Referral).existsBy({ escalationId, tier: dto.to })) throw alreadyReferred(dto.to);
      throw error;
    }
    return (await this.views([await this.db.getRepository(Referral).findOneByOrFail({ id })]))[0];
  }

  /** What the town's regulator has in their queue: the tickets offices of their town sent up, newest first. */
  async sentUp(query: { to: ReferralTier; communityId?: number; cursor?: string; limit?: number }, caller: Principal): Promise<Page<ReferralView>> {
    const qb = applyScope(this.db.getRepository(Referral).createQueryBuilder('r').where('r.tier = :tier', { tier: query.to }), communityScopeFor(caller, 'oversight.read', 'r.community_id', query.communityId));
    const page = await keysetPage(qb, { columns: [{ expr: 'r.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (r) => [r.id] });
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  /** The tickets waiting for the estate's next meeting (the meeting form offers them as agenda). */
  async pending(communityId: number, caller: Principal, tier: ReferralTier = 'meeting'): Promise<ReferralView[]> {
    if (!caller.mayInCommunity('meetings.write', communityId)) throw notFound('community');
    return this.views(await this.db.getRepository(Referral).find({ where: { communityId, tier, meetingId: IsNull() }, order: { id: 'ASC' }, take: 50 }));
  }

  /** The tiers each escalation was sent to (the 督办 page hides a button already used). */
  async tiersOf(escalationIds: number[]): Promise<Map<number, ReferralTier[]>> {
    const rows = escalationIds.length ? await this.db.getRepository(Referral).find({ select: ['escalationId', 'tier'], where: { escalationId: In(escalationIds) } }) : [];
    const tiers = new Map<number, ReferralTier[]>();
    for (const r of rows) tiers.set(r.escalationId, [...(tiers.get(r.escalationId) ?? []), r.tier]);
    return tiers;
  }

  private async views(rows: Referral[]): Promise<ReferralView[]> {
    if (!rows.length) return [];
    const tickets = await this.db.getRepository(Ticket).findBy({ id: In(rows.map((r) => r.ticketId)) });
    const communities = await this.db.getRepository(Community).findBy({ id: In([...new Set(rows.map((r) => r.communityId))]) });
    return rows.map((r) => {
      const t = tickets.find((x) => x.id === r.ticketId);
      return {
        id: r.id,
        escalationId: r.escalationId,
        ticketId: r.ticketId,
        communityId: r.communityId,
        communityName: communities.find((c) => c.id === r.communityId)?.name ?? '',
        to: r.tier,
        subject: t ? subjectOf(t) : '',
        note: r.note,
        meetingId: r.meetingId,
        mediationId: r.mediationId,
        createdAt: r.createdAt.toISOString(),
      };
    });
  }
}
