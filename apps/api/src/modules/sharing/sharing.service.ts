import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { ERROR_CODES, announcementCardTitle, disclosureCardTitle, inspectionCardTitle, standingCardTitle, ticketCardTitle, voteCardTitle, type GroupEnterInput, type GroupEnterResult, type ShareCard, type ShareCardKind, type ShareReach } from '@wuye/contracts';
import { wechatConfig, type WechatConfig } from '../../config';
import { DomainError, notFound } from '../../common/errors';
import { Announcement } from '../announcements/announcement.entity';
import { Disclosure } from '../disclosures/disclosure.entity';
import { AuthService } from '../identity/auth.service';
import type { Principal } from '../identity/principal';
import { Inspection } from '../inspections/inspection.entity';
import { Community } from '../org/community.entity';
import { TicketCategoryRow } from '../tickets/ticket-category.entity';
import { Ticket } from '../tickets/ticket.entity';
import { Vote } from '../votes/vote.entity';
import { readGroupEnterInfo } from './group-info';
import { ShareOpen } from './share-open.entity';

interface Shared {
  communityId: number;
  title: (communityName: string) => string;
  /** Who reads the record itself: the same policy its own route is allowed by. */
  canOpen: (caller: Principal) => boolean;
}

/**
 * Share cards for the owners' groups (业主监督群): what a card says to anyone signed in, and which groups the
 * records reached. Only what the estate already shows its owners is shareable: a published disclosure (or an older
 * version of one), a public ticket of the community board, an inspection's result (its score and orders, as residents
 * see them), the estate's star rating with its company's credit. Nothing about who shared or who opened is kept.
 */
@Injectable()
export class SharingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(wechatConfig.KEY) private readonly wechat: WechatConfig,
    private readonly auth: AuthService,
  ) {}

  async card(kind: ShareCardKind, id: number, caller: Principal): Promise<ShareCard> {
    const shared = await this.shared(kind, id);
    const community = await this.db.getRepository(Community).findOneByOrFail({ id: shared.communityId });
    return { kind, id, title: shared.title(community.name), communityId: community.id, communityName: community.name, canOpen: shared.canOpen(caller) };
  }

  /** A card opened from a group: decrypt its enter info with this sign-in's session key and count the group. */
  async recordGroupEnter(kind: ShareCardKind, id: number, input: GroupEnterInput, caller: Principal): Promise<GroupEnterResult> {
    const shared = await this.shared(kind, id);
    const sessionKey = await this.auth.wechatSessionKey(caller.sessionId);
    if (!sessionKey || !this.wechat.appId) throw new DomainError(409, 'GROUP_INFO_NO_SESSION', ERROR_CODES.GROUP_INFO_NO_SESSION);
    const openGid = readGroupEnterInfo(input.encryptedData, input.iv, sessionKey, this.wechat.appId);
    if (!openGid) return { recorded: false };
    await this.db.getRepository(ShareOpen).insert({ recordKind: kind, recordId: id, communityId: shared.communityId, openGid, openedAt: new Date() });
    return { recorded: true };
  }

  /** Per estate, for oversight: the groups its disclosures reached and the openings from a group in [from, to). */
  async disclosureReach(communityIds: number[], from: Date, to: Date): Promise<Map<number, ShareReach>> {
    if (!communityIds.length) return new Map();
    const rows = await this.db
      .getRepository(ShareOpen)
      .createQueryBuilder('s')
      .select('s.communityId', 'c')
      .addSelect('COUNT(DISTINCT s.openGid)', 'groups')
      .addSelect('COUNT(*)', 'openings')
      .where({ communityId: In(communityIds), recordKind: 'disclosure' })
      .andWhere('s.openedAt >= :from AND s.openedAt < :to', { from, to })
      .groupBy('s.communityId')
      .getRawMany<{ c: number; groups: string; openings: string }>();
    return new Map(rows.map((r) => [Number(r.c), { groups: Number(r.groups), openings: Number(r.openings) }]));
  }

  private async shared(kind: ShareCardKind, id: number): Promise<Shared> {
    if (kind === 'disclosure') {
      const d = await this.db.getRepository(Disclosure).findOneBy({ id, state: In(['published', 'superseded']) });
      if (!d) throw notFound('disclosure');
      return { communityId: d.communityId, title: (name) => disclosureCardTitle(name, d.type, d.period), canOpen: (c) => c.mayInCommunity('disclosures.read', d.communityId) };
    }
    if (kind === 'inspection') {
      const i = await this.db.getRepository(Inspection).findOneBy({ id });
      if (!i) throw notFound('inspection');
      return { communityId: i.communityId, title: (name) => inspectionCardTitle(name, i.inspectedOn, i.kind), canOpen: (c) => c.mayInCommunity('tickets.read', i.communityId) };
    }
    if (kind === 'standing') {
      if (!(await this.db.getRepository(Community).existsBy({ id }))) throw notFound('community');
      return { communityId: id, title: standingCardTitle, canOpen: (c) => c.mayInCommunity('tickets.read', id) };
    }
    if (kind === 'vote') {
      // Only a result that is published: while open, a card would invite a running tally nobody may see.
      const v = await this.db.getRepository(Vote).findOneBy({ id, state: 'closed' });
      if (!v) throw notFound('vote');
      return { communityId: v.communityId, title: (name) => voteCardTitle(name, v.matter), canOpen: (c) => c.mayInCommunity('votes.read', v.communityId) };
    }
    if (kind === 'announcement') {
      // The title the poster wrote for every resident; a withdrawn one is no longer shared.
      const a = await this.db.getRepository(Announcement).findOneBy({ id, withdrawnAt: IsNull() });
      if (!a) throw notFound('announcement');
      return { communityId: a.communityId, title: (name) => announcementCardTitle(name, a.title), canOpen: (c) => c.mayInCommunity('announcements.read', a.communityId) };
    }
    const t = await this.db.getRepository(Ticket).findOneBy({ id, visibility: 'public' });
    if (!t || t.state === 'cancelled') throw notFound('ticket');
    const category = await this.db.getRepository(TicketCategoryRow).findOneBy({ communityId: t.communityId, code: t.categoryCode });
    return { communityId: t.communityId, title: (name) => ticketCardTitle(name, category?.name ?? '', t.kind), canOpen: (c) => c.mayInCommunity('tickets.read', t.communityId) };
  }
}
