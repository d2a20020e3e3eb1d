import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { REFERRAL_TIERS, type ReferralTier, type ReferralView } from '@wuye/contracts';
import { conflict, notFound } from '../../common/errors';
import { scrubPersonal } from '../../common/privacy';
import type { Principal } from '../identity/principal';
import { Escalation } from '../tickets/escalation.entity';
import { TicketLifecycleService } from '../tickets/ticket-lifecycle.service';
import { Ticket } from '../tickets/ticket.entity';
import { ReferDto } from './dto/meeting.dto';
import { Referral } from './referral.entity';

const alreadyReferred = () => conflict('ALREADY_REFERRED', '该督办已经提交过联席会，请等待会议议定');

/**
 * 小事不出小区、大事不出社区: from its 督办 queue the office sends a ticket up a tier — to the estate's next joint
 * meeting, whose form then offers it as agenda. The ticket's timeline says so (已提交联席会); the escalation stays open
 * until the office closes it with the meeting's decision.
 */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tickets: TicketLifecycleService,
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
    if (await this.db.getRepository(Referral).existsBy({ escalationId, tier: dto.to })) throw alreadyReferred();
    const ticket = await this.db.getRepository(Ticket).findOneByOrFail({ id: escalation.ticketId });
    const plan = this.tickets.plan(ticket, { kind: 'referred_meeting' }, { now: new Date(), actorId: caller.userId, actors: ['office'] });
    let id = 0;
    try {
      await this.tickets.commit(ticket, plan, async (m) => {
        const saved = await m.getRepository(Referral).save(
          m.getRepository(Referral).create({ escalationId, ticketId: ticket.id, communityId: escalation.communityId, tier: dto.to, note: dto.note?.trim() || null, meetingId: null, createdById: caller.userId }),
        );
        id = saved.id;
      });
    } catch (error) {
      // Two taps at once: the unique (escalation, tier) lets one through.
      if (await this.db.getRepository(Referral).existsBy({ escalationId, tier: dto.to })) throw alreadyReferred();
      throw error;
    }
    return (await this.views([await this.db.getRepository(Referral).findOneByOrFail({ id })]))[0];
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
    return rows.map((r) => {
      const t = tickets.find((x) => x.id === r.ticketId);
      return {
        id: r.id,
        escalationId: r.escalationId,
        ticketId: r.ticketId,
        communityId: r.communityId,
        to: r.tier,
        subject: t ? `${t.categoryName}：${scrubPersonal(t.description).slice(0, 60)}` : '',
        note: r.note,
        meetingId: r.meetingId,
        createdAt: r.createdAt.toISOString(),
      };
    });
  }
}
