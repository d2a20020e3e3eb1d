import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import {
  ITEM_DAYS_MAX,
  MEETING_ITEM_EVENT_LABELS,
  MEETING_KIND_LABELS,
  RECTIFYING_STATES,
  type AgendaCandidates,
  type AgendaEntry,
  addDays,
  meetingItemDeadline,
  shanghaiDate,
  type MeetingItemActor,
  type MeetingItemView,
  type MeetingSummary,
  type MeetingView,
  type Page,
  type Role,
} from '@wuye/contracts';
import { DomainError, invalid, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import { scrubPersonal } from '../../common/privacy';
import type { Principal } from '../identity/principal';
import { areaCovers, communityScope, communityScopeFor, type ScopeCondition } from '../identity/scope';
import { DisclosureQuestion } from '../disclosures/disclosure-question.entity';
import { Disclosure } from '../disclosures/disclosure.entity';
import { planOrderStep } from '../inspections/rectification-lifecycle';
import { RectificationLifecycleService } from '../inspections/rectification-lifecycle.service';
import { Rectification } from '../inspections/rectification.entity';
import { User } from '../identity/user.entity';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { issuingArea } from '../oversight/oversight-scope';
import { TicketLifecycleService } from '../tickets/ticket-lifecycle.service';
import { Ticket } from '../tickets/ticket.entity';
import { UploadsService } from '../uploads/uploads.service';
import { AddItemsDto, AgendaCandidatesQuery, CreateMeetingDto, MeetingItemDto, MeetingItemsQuery, MeetingItemTransitionDto, MeetingsQuery } from './dto/meeting.dto';
import { MeetingCommunity } from './meeting-community.entity';
import { MeetingItemEvent } from './meeting-item-event.entity';
import { itemActions } from './meeting-item-lifecycle';
import { MeetingItemLifecycleService } from './meeting-item-lifecycle.service';
import { MeetingItem } from './meeting-item.entity';
import { Meeting } from './meeting.entity';
import { Referral } from './referral.entity';
import { ReferralsService } from './referrals.service';

/** The sources an agenda point or an item may be drawn from, besides free text. */
type Sourced = Pick<AgendaEntry, 'ticketId' | 'questionId' | 'rectificationId'>;
const SOURCES = ['ticketId', 'questionId', 'rectificationId'] as const;

/**
 * Meetings covering an estate the caller reaches: a meeting belongs to each estate it covers (meeting_community), so
 * the offices, the property side and residents of every covered estate find it.
 */
function covering<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, scope: ScopeCondition): SelectQueryBuilder<T> {
  return scope.sql === '1 = 1' ? qb : qb.andWhere(`m.id IN (SELECT mc.meeting_id FROM meeting_community mc WHERE ${scope.sql})`, scope.params);
}

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
    private readonly orders: RectificationLifecycleService,
    private readonly referrals: ReferralsService,
  ) {}

  /** Who the caller is to an item: the party that answers for it, the office that keeps the meeting. */
  private actors(item: MeetingItem, caller: Principal): MeetingItemActor[] {
    const actors: MeetingItemActor[] = [];
    const office = caller.mayInCommunity('meetings.write', item.communityId);
    const roles: readonly Role[] | undefined = OWNER_ROLES[item.ownerParty as keyof typeof OWNER_ROLES];
    // The party organisations and the liaison leader report through the office that keeps the meeting.
    // A grant counts while it reaches the estate now (a manager whose company left it no longer answers).
    if (roles ? caller.holdsIn(roles, item.communityId) : office) actors.push('owner');
    if (office) actors.push('office');
    return actors;
  }

  /**
   * Records a meeting with its agreed items. Agenda tickets referred to the meeting are taken up by it; an item that
   * decides a ticket writes the decision on that ticket's timeline. A form sent again with its key is recorded once.
   */
  async create(dto: CreateMeetingDto, caller: Principal, key?: string): Promise<{ meeting: MeetingView; replayed: boolean }> {
    // The estates it covers, the first first: each the recorder's (404 otherwise, as one that does not exist).
    const ids = [...new Set([dto.communityId, ...(dto.communityIds ?? [])])];
    const found = await this.db.getRepository(Community).findBy({ id: In(ids) });
    const estates = ids.map((id) => found.find((c) => c.id === id));
    if (estates.some((c) => !c || !caller.mayInCommunity('meetings.write', c.id))) throw notFound('community');
    const covered = estates as Community[];
    const community = covered[0];
    const earlier = async () => {
      const row = key ? await this.db.getRepository(Meeting).findOneBy({ createdById: caller.userId, idempotencyKey: key }) : null;
      return row ? { meeting: await this.view(row, caller), replayed: true } : null;
    };
    const replay = await earlier();
    if (replay) return replay;
    if (dto.kind === 'four_party' && covered.length > 1) throw new DomainError(422, 'ESTATES_NOT_ONE', '四方联席会只涉及一个小区；多个小区请记为协调委员会会议', { field: 'communityIds' });
    if (dto.heldOn > shanghaiDate()) throw invalid('会议日期不能晚于今天', { field: 'heldOn' });
    const attendees = dto.attendees.map((a) => ({ party: a.party, name: a.name.trim() }));
    if (attendees.some((a) => !a.name)) throw invalid('请填写参会人员姓名', { field: 'attendees' });
    const minutes = dto.minutes.trim();
    if (!minutes) throw invalid('请填写会议纪要', { field: 'minutes' });
    const agenda = dto.agenda.map((a) => ({ text: a.text.trim(), ticketId: a.ticketId ?? null, questionId: a.questionId ?? null, rectificationId: a.rectificationId ?? null }));
    if (agenda.some((a) => !a.text)) throw invalid('议题内容不能为空', { field: 'agenda' });
    await this.checkSources(agenda.map((a) => ({ ...a, communityIds: ids })), 'agenda');
    this.checkItems(dto.items, dto.heldOn, ids);
    await this.checkItemSources(dto.items, community.id);
    const area = await issuingArea(this.db, caller, community.areaPath, () => this.db.getRepository(Area).findOneBy({ id: community.areaId }), 'meetings.write');
    // The office (or town) keeps it: every estate lies in its area.
    if (!area || covered.some((c) => !areaCovers(area, c.areaPath))) throw notFound('community');

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
        await m.getRepository(MeetingCommunity).insert(covered.map((c) => ({ meetingId: meeting.id, communityId: c.id, areaPath: c.areaPath })));
        // The 督办 referred to these estates' meeting that it discussed are taken up by it.
        const discussed = agenda.flatMap((a) => (a.ticketId ? [a.ticketId] : []));
        if (discussed.length) await m.getRepository(Referral).update({ communityId: In(ids), tier: 'meeting', meetingId: IsNull(), ticketId: In(discussed) }, { meetingId: meeting.id });
        // Questions and orders on the agenda show the meeting took them up.
        const taken = `${meeting.heldOn} ${MEETING_KIND_LABELS[meeting.kind]}列入议题`;
        for (const a of agenda) await this.markSource(m, meeting, a, taken, caller);
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

  /**
   * More items agreed at a meeting already recorded (the office's or town's own). A form sent again with its key adds
   * them once: its items carry the key, and the second sending finds them (or, sent at once, meets the unique index).
   */
  async addItems(id: number, dto: AddItemsDto, caller: Principal, key?: string): Promise<{ meeting: MeetingView; replayed: boolean }> {
    const meeting = await this.load(id, caller);
    if (!caller.mayInCommunity('meetings.write', meeting.communityId)) throw notFound('meeting');
    const sentBefore = async () => (key ? (await this.db.getRepository(MeetingItem).countBy({ meetingId: meeting.id, batchKey: key })) > 0 : false);
    if (await sentBefore()) return { meeting: await this.view(meeting, caller), replayed: true };
    const ids = (await this.estatesOf([meeting.id])).map((c) => c.communityId);
    this.checkItems(dto.items, meeting.heldOn, ids);
    if (dto.items.some((i) => !caller.mayInCommunity('meetings.write', i.communityId ?? meeting.communityId))) throw notFound('community');
    await this.checkItemSources(dto.items, meeting.communityId);
    try {
      await this.db.transaction((m) => this.agree(m, meeting, dto.items, caller, key ?? null));
    } catch (error) {
      // The same form sent twice at once: the other request added them.
      if (await sentBefore()) return { meeting: await this.view(meeting, caller), replayed: true };
      throw error;
    }
    return { meeting: await this.view(meeting, caller), replayed: false };
  }

  /** Each item belongs to one of the meeting's estates; its sources are that estate's own. */
  private async checkItemSources(items: MeetingItemDto[], primary: number): Promise<void> {
    await this.checkSources(items.map((i) => ({ ...i, communityIds: [i.communityId ?? primary] })), 'items');
  }

  private checkItems(items: MeetingItemDto[], heldOn: string, estates: number[]): void {
    for (const [i, item] of items.entries()) {
      if (item.communityId && !estates.includes(item.communityId)) throw invalid(`第 ${i + 1} 个议定项目须属于会议涉及的小区`, { field: 'items' });
      if (!item.text.trim()) throw invalid(`第 ${i + 1} 个议定项目没有内容`, { field: 'items' });
      if (!item.ownerName.trim()) throw invalid(`第 ${i + 1} 个议定项目请填写责任人`, { field: 'items' });
      if (item.deadline < heldOn || item.deadline > addDays(heldOn, ITEM_DAYS_MAX)) throw invalid(`第 ${i + 1} 个议定项目的期限须在会议当天到 ${ITEM_DAYS_MAX} 天之内`, { field: 'items' });
    }
  }

  /**
   * The sources named on the agenda or by an item: one at most each, and of the estates it may draw on — a ticket, an
   * owners' question on a disclosure, a rectification order.
   */
  private async checkSources(entries: (Sourced & { communityIds: number[] })[], field: string): Promise<void> {
    if (entries.some((e) => SOURCES.filter((k) => e[k]).length > 1)) throw invalid('每项只能关联一个来源', { field });
    const repos = { ticketId: Ticket, questionId: DisclosureQuestion, rectificationId: Rectification } as const;
    const what = { ticketId: '工单', questionId: '公示质询', rectificationId: '整改单' } as const;
    for (const k of SOURCES) {
      const named = entries.filter((e) => e[k]);
      if (!named.length) continue;
      const rows: { id: number; communityId: number }[] = await this.db.getRepository(repos[k]).find({ select: ['id', 'communityId'], where: { id: In(named.map((e) => e[k] as number)) } });
      if (named.some((e) => !e.communityIds.includes(rows.find((r) => r.id === e[k])?.communityId ?? 0))) throw invalid(`关联的${what[k]}须是会议涉及小区的${what[k]}`, { field });
    }
  }

  /**
   * A question or an order the meeting took up shows it: the question keeps the note (masked: residents read it), the
   * order's timeline gets 已提交联席会. Tickets write their own entries (referral, decision).
   */
  private async markSource(m: EntityManager, meeting: Meeting, source: Sourced, note: string, caller: Principal): Promise<void> {
    if (source.questionId) await m.getRepository(DisclosureQuestion).update({ id: source.questionId }, { meetingId: meeting.id, meetingNote: scrubPersonal(note).slice(0, 200) });
    if (source.rectificationId) {
      const order = await m.getRepository(Rectification).findOneByOrFail({ id: source.rectificationId });
      const plan = planOrderStep(order, { kind: 'meeting', note: scrubPersonal(note) }, { now: new Date(), actorId: caller.userId, actors: ['issuer'] });
      await this.orders.apply(m, order, plan);
    }
  }

  /** Agrees the items; each that decides a ticket puts 联席会议定 on its timeline, in the same transaction. */
  private async agree(m: EntityManager, meeting: Meeting, items: MeetingItemDto[], caller: Principal, batchKey: string | null = null): Promise<void> {
    await this.items.agree(
      m,
      items.map((i) => ({
        meetingId: meeting.id,
        communityId: i.communityId ?? meeting.communityId,
        text: i.text.trim(),
        ownerParty: i.ownerParty,
        ownerName: i.ownerName.trim(),
        deadlineAt: meetingItemDeadline(i.deadline),
        ticketId: i.ticketId ?? null,
        questionId: i.questionId ?? null,
        rectificationId: i.rectificationId ?? null,
      })),
      caller.userId,
      batchKey,
    );
    for (const item of items) {
      const decision = `${item.text.trim()}（期限 ${item.deadline}）`;
      if (item.ticketId) {
        const ticket = await m.getRepository(Ticket).findOneByOrFail({ id: item.ticketId });
        const plan = this.tickets.plan(ticket, { kind: 'meeting_decision', note: decision }, { now: new Date(), actorId: caller.userId, actors: ['office'] });
        await this.tickets.apply(m, ticket, plan);
      }
      await this.markSource(m, meeting, item, `联席会议定：${decision}`, caller);
    }
  }

  /**
   * What the meeting form offers as agenda for the estates it covers: the 督办 referred to their next meeting, owners'
   * questions on their disclosures (open or answered), their rectification orders not yet closed.
   */
  async agendaCandidates(query: AgendaCandidatesQuery, caller: Principal): Promise<AgendaCandidates> {
    const ids = [...new Set(query.communityIds.split(',').map(Number))];
    if (ids.some((id) => !caller.mayInCommunity('meetings.write', id))) throw notFound('community');
    const [tickets, questions, orders, communities] = await Promise.all([
      Promise.all(ids.map((id) => this.referrals.pending(id, caller))),
      this.db.getRepository(DisclosureQuestion).find({ where: { communityId: In(ids) }, order: { id: 'DESC' }, take: 50 }),
      this.db.getRepository(Rectification).find({ where: { communityId: In(ids), state: In([...RECTIFYING_STATES, 'replied']) }, order: { id: 'DESC' }, take: 50 }),
      this.db.getRepository(Community).findBy({ id: In(ids) }),
    ]);
    const disclosures = await this.db.getRepository(Disclosure).find({ select: ['id', 'title'], where: { id: In([0, ...new Set(questions.map((q) => q.disclosureId))]) } });
    const nameOf = (id: number) => communities.find((c) => c.id === id)?.name ?? '';
    return {
      tickets: tickets.flat(),
      questions: questions.map((q) => ({
        id: q.id,
        communityId: q.communityId,
        communityName: nameOf(q.communityId),
        disclosureTitle: disclosures.find((d) => d.id === q.disclosureId)?.title ?? '',
        text: scrubPersonal(q.text),
        answered: q.answeredAt !== null,
        meetingNote: q.meetingNote,
      })),
      // Overdue ones first: they are already the office's 督办.
      rectifications: orders
        .map((r) => ({ id: r.id, communityId: r.communityId, communityName: nameOf(r.communityId), itemText: r.itemText, state: r.state, overdue: r.overdueAt !== null }))
        .sort((a, b) => Number(b.overdue) - Number(a.overdue)),
    };
  }

  async list(query: MeetingsQuery, caller: Principal): Promise<Page<MeetingView>> {
    const qb = covering(this.db.getRepository(Meeting).createQueryBuilder('m'), communityScopeFor(caller, 'meetings.read', 'mc.community_id', query.communityId));
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
    const qb = this.db.getRepository(MeetingItem).createQueryBuilder('i');
    const scope = communityScopeFor(caller, 'meetings.read', 'i.community_id', query.communityId);
    if (scope.sql !== '1 = 1') qb.andWhere(scope.sql, scope.params);
    if (query.state) qb.andWhere('i.state = :state', { state: query.state });
    if (query.overdue) qb.andWhere("i.overdueAt IS NOT NULL AND i.state = 'open'");
    const page = await keysetPage(qb, { columns: [{ expr: 'i.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (i) => [i.id] });
    return { items: await this.itemViews(page.items, caller), nextCursor: page.nextCursor };
  }

  async transition(id: number, dto: MeetingItemTransitionDto, caller: Principal): Promise<MeetingItemView> {
    const scope = communityScope(caller, 'meetings.read', 'i.community_id');
    const item = await this.db.getRepository(MeetingItem).createQueryBuilder('i').where('i.id = :id', { id }).andWhere(scope.sql, scope.params).getOne();
    if (!item) throw notFound('meetingItem');
    await this.items.take(item, { kind: dto.action, version: dto.version, note: dto.note }, { now: new Date(), actorId: caller.userId, actors: this.actors(item, caller) });
    return (await this.itemViews([await this.db.getRepository(MeetingItem).findOneByOrFail({ id })], caller))[0];
  }

  /**
   * What residents of an estate the meeting covered (and anyone who reads its tickets) see: the date, the items agreed
   * for their estate and their states.
   */
  async summaries(communityId: number, query: MeetingsQuery, caller: Principal): Promise<Page<MeetingSummary>> {
    const qb = covering(this.db.getRepository(Meeting).createQueryBuilder('m'), communityScopeFor(caller, 'tickets.read', 'mc.community_id', communityId));
    const page = await keysetPage(qb, { columns: [{ expr: 'm.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (m) => [m.id] });
    if (!page.items.length) return { items: [], nextCursor: page.nextCursor };
    const community = await this.db.getRepository(Community).findOneByOrFail({ id: communityId });
    const ids = page.items.map((m) => m.id);
    const [items, estates] = await Promise.all([this.db.getRepository(MeetingItem).find({ where: { meetingId: In(ids), communityId }, order: { id: 'ASC' } }), this.estatesOf(ids)]);
    return {
      items: page.items.map((m) => ({
        id: m.id,
        communityName: community.name,
        estates: estates.filter((e) => e.meetingId === m.id).length,
        kind: m.kind,
        heldOn: m.heldOn,
        // No owner's name: the party answers for it; the text is masked as every text that reaches neighbours.
        items: items.filter((i) => i.meetingId === m.id).map((i) => ({ id: i.id, text: scrubPersonal(i.text), ownerParty: i.ownerParty, deadline: shanghaiDate(i.deadlineAt), state: i.state })),
      })),
      nextCursor: page.nextCursor,
    };
  }

  private async load(id: number, caller: Principal): Promise<Meeting> {
    const meeting = await covering(this.db.getRepository(Meeting).createQueryBuilder('m').where('m.id = :id', { id }), communityScope(caller, 'meetings.read', 'mc.community_id')).getOne();
    if (!meeting) throw notFound('meeting');
    return meeting;
  }

  /** The estates of these meetings, each meeting's first first. */
  private estatesOf(meetingIds: number[]): Promise<MeetingCommunity[]> {
    return this.db.getRepository(MeetingCommunity).find({ where: { meetingId: In(meetingIds) }, order: { id: 'ASC' } });
  }

  private async view(meeting: Meeting, caller: Principal): Promise<MeetingView> {
    const [covered, office, rows] = await Promise.all([
      this.estatesOf([meeting.id]),
      this.db.getRepository(Area).findOneBy({ id: meeting.officeAreaId }),
      this.db.getRepository(MeetingItem).find({ where: { meetingId: meeting.id }, order: { id: 'ASC' } }),
    ]);
    const names = await this.db.getRepository(Community).findBy({ id: In(covered.map((c) => c.communityId)) });
    const communities = covered.map((c) => ({ id: c.communityId, name: names.find((n) => n.id === c.communityId)?.name ?? '' }));
    return {
      id: meeting.id,
      communityId: meeting.communityId,
      communityName: communities.find((c) => c.id === meeting.communityId)?.name ?? '',
      communities,
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
      questionId: r.questionId,
      rectificationId: r.rectificationId,
      version: r.version,
      timeline: events
        .filter((e) => e.itemId === r.id)
        .map((e) => ({ id: e.id, action: e.action, actionLabel: MEETING_ITEM_EVENT_LABELS[e.action] ?? e.action, actorName: users.find((u) => u.id === e.actorId)?.displayName ?? null, note: e.note, at: e.createdAt.toISOString() })),
      ...itemActions(r, this.actors(r, caller), caller.userId),
    }));
  }
}
