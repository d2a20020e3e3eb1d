import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import {
  ITEM_DAYS_MAX,
  MEETING_ITEM_EVENT_LABELS,
  addDays,
  meetingItemDeadline,
  shanghaiDate,
  type MeetingItemActor,
  type MeetingItemView,
  type MeetingSummary,
  type MeetingView,
  type Page,
} from '@wuye/contracts';
import { invalid, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import { scrubPersonal } from '../../common/privacy';
import type { Principal } from '../identity/principal';
import { applyScope, communityScope, communityScopeFor } from '../identity/scope';
import { User } from '../identity/user.entity';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { issuingArea } from '../oversight/oversight-scope';
import { TicketLifecycleService } from '../tickets/ticket-lifecycle.service';
import { Ticket } from '../tickets/ticket.entity';
import { UploadsService } from '../uploads/uploads.service';
import { AddItemsDto, CreateMeetingDto, MeetingItemDto, MeetingItemsQuery, MeetingItemTransitionDto, MeetingsQuery } from './dto/meeting.dto';
import { MeetingItemEvent } from './meeting-item-event.entity';
import { itemActions } from './meeting-item-lifecycle';
import { MeetingItemLifecycleService } from './meeting-item-lifecycle.service';
import { MeetingItem } from './meeting-item.entity';
import { Meeting } from './meeting.entity';
import { Referral } from './referral.entity';

/** Which grants make the caller the owner party of an item of this estate. */
const OWNER_ROLES = { property: ['manager'], committee: ['committee', 'committee_chair'] } as const;

/**
 * 四方联席会: meetings of an estate recorded by its office with attendees, minutes, the sign-in sheet and the agenda;
 * the agreed items through their lifecycle; what residents of the estate see (the date and the items, no names).
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uploads: UploadsService,
    private readonly items: MeetingItemLifecycleService,
    private readonly tickets: TicketLifecycleService,
  ) {}

  /** Who the caller is to an item: the party that answers for it, the office that keeps the meeting. */
  private actors(item: MeetingItem, caller: Principal): MeetingItemActor[] {
    const actors: MeetingItemActor[] = [];
    const office = caller.mayInCommunity('meetings.write', item.communityId);
    const roles: readonly string[] | undefined = OWNER_ROLES[item.ownerParty as keyof typeof OWNER_ROLES];
    // The party organisations and the liaison leader report through the office that keeps the meeting.
    // A grant counts while it reaches the estate now (a manager whose company left it no longer answers).
    if (roles ? caller.grants.some((g) => roles.includes(g.role) && g.communities !== 'all' && g.communities.includes(item.communityId)) : office) actors.push('owner');
    if (office) actors.push('office');
    return actors;
  }

  /**
   * Records a meeting with its agreed items. Agenda tickets referred to the meeting are taken up by it; an item that
   * decides a ticket writes the decision on that ticket's timeline. A form sent again with its key is recorded once.
   */
  async create(dto: CreateMeetingDto, caller: Principal, key?: string): Promise<{ meeting: MeetingView; replayed: boolean }> {
    const community = await this.db.getRepository(Community).findOneBy({ id: dto.communityId });
    if (!community || !caller.mayInCommunity('meetings.write', dto.communityId)) throw notFound('community');
    const earlier = async () => {
      const row = key ? await this.db.getRepository(Meeting).findOneBy({ createdById: caller.userId, idempotencyKey: key }) : null;
      return row ? { meeting: await this.view(row, caller), replayed: true } : null;
    };
    const replay = await earlier();
    if (replay) return replay;
    if (dto.heldOn > shanghaiDate()) throw invalid('会议日期不能晚于今天', { field: 'heldOn' });
    const attendees = dto.attendees.map((a) => ({ party: a.party, name: a.name.trim() }));
    if (attendees.some((a) => !a.name)) throw invalid('请填写参会人员姓名', { field: 'attendees' });
    const minutes = dto.minutes.trim();
    if (!minutes) throw invalid('请填写会议纪要', { field: 'minutes' });
    const agenda = dto.agenda.map((a) => ({ text: a.text.trim(), ticketId: a.ticketId ?? null }));
    if (agenda.some((a) => !a.text)) throw invalid('议题内容不能为空', { field: 'agenda' });
    await this.ticketsOfEstate(agenda.map((a) => a.ticketId), community.id, 'agenda');
    this.checkItems(dto.items, dto.heldOn);
    await this.ticketsOfEstate(dto.items.map((i) => i.ticketId ?? null), community.id, 'items');
    const area = await issuingArea(this.db, caller, community.areaPath, () => this.db.getRepository(Area).findOneBy({ id: community.areaId }), 'meetings.write');
    if (!area) throw notFound('community');

    let saved: Meeting;
    try {
      saved = await this.db.transaction(async (m) => {
        const photos = dto.signInPhotoIds ?? [];
        await this.uploads.claim(photos, caller.userId, m);
        const meeting = await m.getRepository(Meeting).save(
          m.getRepository(Meeting).create({
            communityId: community.id,
            areaPath: community.areaPath,
            officeAreaId: area.id,
            kind: dto.kind,
            heldOn: dto.heldOn,
            attendees,
            minutes,
            signInPhotoIds: photos,
            agenda,
            createdById: caller.userId,
            idempotencyKey: key ?? null,
          }),
        );
        // The 督办 referred to this estate's meeting that it discussed are taken up by it.
        const discussed = agenda.flatMap((a) => (a.ticketId ? [a.ticketId] : []));
        if (discussed.length) await m.getRepository(Referral).update({ communityId: community.id, tier: 'meeting', meetingId: IsNull(), ticketId: In(discussed) }, { meetingId: meeting.id });
        await this.agree(m, meeting, dto.items, caller);
        return meeting;
      });
    } catch (error) {
      // The same form sent twice at once: the other request recorded it; answer with that one.
      const twin = await earlier();
      if (twin) return twin;
      throw error;
    }
    return { meeting: await this.view(saved, caller), replayed: false };
  }

  /** More items agreed at a meeting already recorded (the office's or town's own). */
  async addItems(id: number, dto: AddItemsDto, caller: Principal): Promise<MeetingView> {
    const meeting = await this.load(id, caller);
    if (!caller.mayInCommunity('meetings.write', meeting.communityId)) throw notFound('meeting');
    this.checkItems(dto.items, meeting.heldOn);
    await this.ticketsOfEstate(dto.items.map((i) => i.ticketId ?? null), meeting.communityId, 'items');
    await this.db.transaction((m) => this.agree(m, meeting, dto.items, caller));
    return this.view(meeting, caller);
  }

  private checkItems(items: MeetingItemDto[], heldOn: string): void {
    for (const [i, item] of items.entries()) {
      if (!item.text.trim()) throw invalid(`第 ${i + 1} 个议定项目没有内容`, { field: 'items' });
      if (!item.ownerName.trim()) throw invalid(`第 ${i + 1} 个议定项目请填写责任人`, { field: 'items' });
      if (item.deadline < heldOn || item.deadline > addDays(heldOn, ITEM_DAYS_MAX)) throw invalid(`第 ${i + 1} 个议定项目的期限须在会议当天到 ${ITEM_DAYS_MAX} 天之内`, { field: 'items' });
    }
  }

  /** Tickets named on the agenda or by an item must be the estate's own. */
  private async ticketsOfEstate(ids: (number | null)[], communityId: number, field: string): Promise<void> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (wanted.length && (await this.db.getRepository(Ticket).countBy({ id: In(wanted), communityId })) !== wanted.length) {
      throw invalid('关联的工单须是本小区的工单', { field });
    }
  }

  /** Agrees the items; each that decides a ticket puts 联席会议定 on its timeline, in the same transaction. */
  private async agree(m: EntityManager, meeting: Meeting, items: MeetingItemDto[], caller: Principal): Promise<void> {
    await this.items.agree(
      m,
      items.map((i) => ({ meetingId: meeting.id, communityId: meeting.communityId, text: i.text.trim(), ownerParty: i.ownerParty, ownerName: i.ownerName.trim(), deadlineAt: meetingItemDeadline(i.deadline), ticketId: i.ticketId ?? null })),
      caller.userId,
    );
    for (const item of items.filter((i) => i.ticketId)) {
      const ticket = await m.getRepository(Ticket).findOneByOrFail({ id: item.ticketId });
      const plan = this.tickets.plan(ticket, { kind: 'meeting_decision', note: `${item.text.trim()}（期限 ${item.deadline}）` }, { now: new Date(), actorId: caller.userId, actors: ['office'] });
      await this.tickets.apply(m, ticket, plan);
    }
  }

  async list(query: MeetingsQuery, caller: Principal): Promise<Page<MeetingView>> {
    const qb = applyScope(this.db.getRepository(Meeting).createQueryBuilder('m'), communityScopeFor(caller, 'meetings.read', 'm.community_id', query.communityId));
    const page = await keysetPage(qb, { columns: [{ expr: 'm.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (m) => [m.id] });
    return { items: await Promise.all(page.items.map((m) => this.view(m, caller))), nextCursor: page.nextCursor };
  }

  async get(id: number, caller: Principal): Promise<MeetingView> {
    return this.view(await this.load(id, caller), caller);
  }

  async itemsOf(id: number, caller: Principal): Promise<MeetingItemView[]> {
    const meeting = await this.load(id, caller);
    return this.itemViews(await this.db.getRepository(MeetingItem).find({ where: { meetingId: meeting.id }, order: { id: 'ASC' } }), caller);
  }

  /** Agreed items across the caller's estates (?overdue=true: late and still open, the office's 督办 queue). */
  async listItems(query: MeetingItemsQuery, caller: Principal): Promise<Page<MeetingItemView>> {
    const qb = applyScope(this.db.getRepository(MeetingItem).createQueryBuilder('i'), communityScopeFor(caller, 'meetings.read', 'i.community_id', query.communityId));
    if (query.state) qb.andWhere('i.state = :state', { state: query.state });
    if (query.overdue) qb.andWhere("i.overdueAt IS NOT NULL AND i.state = 'open'");
    const page = await keysetPage(qb, { columns: [{ expr: 'i.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (i) => [i.id] });
    return { items: await this.itemViews(page.items, caller), nextCursor: page.nextCursor };
  }

  async transition(id: number, dto: MeetingItemTransitionDto, caller: Principal): Promise<MeetingItemView> {
    const item = await applyScope(this.db.getRepository(MeetingItem).createQueryBuilder('i').where('i.id = :id', { id }), communityScope(caller, 'meetings.read', 'i.community_id')).getOne();
    if (!item) throw notFound('meetingItem');
    await this.items.take(item, { kind: dto.action, version: dto.version, note: dto.note }, { now: new Date(), actorId: caller.userId, actors: this.actors(item, caller) });
    return (await this.itemViews([await this.db.getRepository(MeetingItem).findOneByOrFail({ id })], caller))[0];
  }

  /** What residents of the estate (and anyone who reads its tickets) see: the date, the items and their states. */
  async summaries(communityId: number, query: MeetingsQuery, caller: Principal): Promise<Page<MeetingSummary>> {
    const qb = applyScope(this.db.getRepository(Meeting).createQueryBuilder('m'), communityScopeFor(caller, 'tickets.read', 'm.community_id', communityId));
    const page = await keysetPage(qb, { columns: [{ expr: 'm.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (m) => [m.id] });
    if (!page.items.length) return { items: [], nextCursor: page.nextCursor };
    const community = await this.db.getRepository(Community).findOneByOrFail({ id: communityId });
    const items = await this.db.getRepository(MeetingItem).find({ where: { meetingId: In(page.items.map((m) => m.id)) }, order: { id: 'ASC' } });
    return {
      items: page.items.map((m) => ({
        id: m.id,
        communityName: community.name,
        kind: m.kind,
        heldOn: m.heldOn,
        // No owner's name: the party answers for it; the text is masked as every text that reaches neighbours.
        items: items.filter((i) => i.meetingId === m.id).map((i) => ({ id: i.id, text: scrubPersonal(i.text), ownerParty: i.ownerParty, deadline: shanghaiDate(i.deadlineAt), state: i.state })),
      })),
      nextCursor: page.nextCursor,
    };
  }

  private async load(id: number, caller: Principal): Promise<Meeting> {
    const meeting = await applyScope(this.db.getRepository(Meeting).createQueryBuilder('m').where('m.id = :id', { id }), communityScope(caller, 'meetings.read', 'm.community_id')).getOne();
    if (!meeting) throw notFound('meeting');
    return meeting;
  }

  private async view(meeting: Meeting, caller: Principal): Promise<MeetingView> {
    const [community, office, rows] = await Promise.all([
      this.db.getRepository(Community).findOneByOrFail({ id: meeting.communityId }),
      this.db.getRepository(Area).findOneBy({ id: meeting.officeAreaId }),
      this.db.getRepository(MeetingItem).find({ where: { meetingId: meeting.id }, order: { id: 'ASC' } }),
    ]);
    return {
      id: meeting.id,
      communityId: meeting.communityId,
      communityName: community.name,
      officeName: office?.name ?? '',
      kind: meeting.kind,
      heldOn: meeting.heldOn,
      attendees: meeting.attendees,
      minutes: meeting.minutes,
      signInPhotos: await this.uploads.photoViews(meeting.signInPhotoIds, false),
      agenda: meeting.agenda,
      items: await this.itemViews(rows, caller),
      createdAt: meeting.createdAt.toISOString(),
      can: { addItems: caller.mayInCommunity('meetings.write', meeting.communityId) },
    };
  }

  private async itemViews(rows: MeetingItem[], caller: Principal): Promise<MeetingItemView[]> {
    if (!rows.length) return [];
    const [communities, events] = await Promise.all([
      this.db.getRepository(Community).findBy({ id: In([...new Set(rows.map((r) => r.communityId))]) }),
      this.db.getRepository(MeetingItemEvent).find({ where: { itemId: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } }),
    ]);
    const users = await this.db.getRepository(User).findBy({ id: In([...new Set(events.map((e) => e.actorId ?? 0))]) });
    return rows.map((r) => ({
      id: r.id,
      meetingId: r.meetingId,
      communityId: r.communityId,
      communityName: communities.find((c) => c.id === r.communityId)?.name ?? '',
      text: r.text,
      ownerParty: r.ownerParty,
      ownerName: r.ownerName,
      deadlineAt: r.deadlineAt.toISOString(),
      state: r.state,
      overdueAt: r.overdueAt?.toISOString() ?? null,
      ticketId: r.ticketId,
      version: r.version,
      timeline: events
        .filter((e) => e.itemId === r.id)
        .map((e) => ({ id: e.id, action: e.action, actionLabel: MEETING_ITEM_EVENT_LABELS[e.action] ?? e.action, actorName: users.find((u) => u.id === e.actorId)?.displayName ?? null, note: e.note, at: e.createdAt.toISOString() })),
      can: itemActions(r, this.actors(r, caller)),
    }));
  }
}
