import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import {
  BINDING_RELATION_LABELS,
  OPEN_TICKET_STATES,
  SIMILAR_WINDOW_DAYS,
  TICKET_ACTION_LABELS,
  TICKET_STATE_LABELS,
  TICKET_TRANSITIONS,
  URGE_INTERVAL_MINUTES,
  availableActions,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  type Page,
  type TicketActor,
  type TicketKind,
  type TicketState,
  type TicketSummary,
  type TicketView,
  type TicketVisibility,
  shanghaiDate,
} from '@wuye/contracts';
import { DomainError, conflict, forbidden, invalid, notFound } from '../../common/errors';
import { decodeCursor, encodeCursor } from '../../common/pagination';
import { RawColumns, rawQuery } from '../../database/raw';
import { HouseBinding } from '../identity/house-binding.entity';
import type { Principal } from '../identity/principal';
import { RoleAssignment } from '../identity/role-assignment.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { activeContractsQuery } from '../org/contracts.service';
import { User } from '../identity/user.entity';
import { ContentSecurityService } from '../content/content-security.service';
import { UploadsService } from '../uploads/uploads.service';
import { CategoriesService } from './categories.service';
import { OVERDUE_SQL, isOverdue, overdueParams, resolutionDueFrom, ticketDeadlines } from './deadlines';
import { CreateTicketDto, ListTicketsQuery, RatingDto, SimilarQuery, TransitionDto } from './dto/ticket.dto';
import { retryingTransaction } from '../../database/transactions';
import { EscalationsService } from './escalations.service';
import { RollupsService } from './rollups.service';
import { TicketEvent, type EventActorRole } from './ticket-event.entity';
import { TicketFollower } from './ticket-follower.entity';
import { SUMMARY_FIELDS, TicketViewsService, type TicketListRow, type ViewerLevel } from './ticket-views.service';
import { Ticket } from './ticket.entity';

const shortTime = (d: Date) => new Date(d.getTime() + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');

/** What a new ticket carries besides who filed it. */
export interface NewTicket {
  communityId: number;
  kind: TicketKind;
  categoryCode: string;
  description: string;
  photoIds: number[];
  houseId?: number | null;
  place?: string | null;
  lat?: number | null;
  long?: number | null;
}

/**
 * 随手拍 to 办结: reporting, the state machine (TICKET_TRANSITIONS), the timeline, ratings, urging, following.
 * Every change is a conditional update on the ticket's version plus an append-only event, in one transaction.
 */
@Injectable()
export class TicketsService {
  private readonly listColumns: RawColumns<Ticket, (typeof SUMMARY_FIELDS)[number]>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly categories: CategoriesService,
    private readonly uploads: UploadsService,
    private readonly views: TicketViewsService,
    private readonly notifications: NotificationsService,
    private readonly escalations: EscalationsService,
    private readonly content: ContentSecurityService,
    private readonly rollups: RollupsService,
  ) {
    this.listColumns = new RawColumns(db, Ticket, 't', SUMMARY_FIELDS);
  }

  // ─── Reporting ────────────────────────────────────────────────────────────────────────────────────────────

  async create(dto: CreateTicketDto, caller: Principal, idempotencyKey?: string): Promise<{ ticket: TicketView; replayed: boolean }> {
    if (!caller.mayInCommunity('tickets.report', dto.communityId)) throw notFound('community');
    const earlier = async () => {
      if (!idempotencyKey) return null;
      const [row] = await rawQuery<{ id: number }>(this.db, 'SELECT id FROM ticket WHERE reporter_id = :me AND idempotency_key = :key', { me: caller.userId, key: idempotencyKey });
      return row ? { ticket: await this.get(Number(row.id), caller), replayed: true } : null;
    };
    const replay = await earlier();
    if (replay) return replay;
    const verdict = await this.content.checkText(caller.userId, dto.description, 3);
    let ticket: Ticket;
    try {
      ticket = await this.insertTicket(dto, { reporterId: caller.userId, source: 'app', idempotencyKey: idempotencyKey ?? null, heldForReview: verdict === 'review' });
    } catch (error) {
      // The same submission twice at once: the other request made it; answer with that one.
      const twin = await earlier();
      if (twin) return twin;
      throw error;
    }
    if (ticket.visibility === 'public' && ticket.photoIds.length) await this.content.submitPhotos(caller.userId, await this.uploads.findByIds(ticket.photoIds));
    return { ticket: await this.view(ticket, caller, false), replayed: false };
  }

  /** Shared by the app and the Open311 hotline intake. Returns the new ticket as stored. */
  async insertTicket(
    input: NewTicket,
    origin: { reporterId: number | null; source: 'app' | 'hotline'; idempotencyKey: string | null; heldForReview: boolean; reporterMask?: string },
  ): Promise<Ticket> {
    const [community] = await rawQuery<{ id: number; areaPath: string }>(this.db, 'SELECT id, area_path AS areaPath FROM community WHERE id = :id', { id: input.communityId });
    if (!community) throw notFound('community');
    const category = await this.categories.find(input.communityId, input.categoryCode);
    if (!category || !category.active) throw invalid('请选择本小区的工单分类', { field: 'categoryCode' }, 'INVALID_CATEGORY');
    const description = input.description.trim();
    if (!description) throw invalid('请描述一下问题', { field: 'description' });

    let mask = origin.reporterMask ?? '居民';
    if (origin.reporterId !== null) mask = await this.reporterMask(origin.reporterId, input.communityId);
    if (input.houseId) {
      const own = origin.reporterId !== null && (await this.db.getRepository(HouseBinding).existsBy({ userId: origin.reporterId, houseId: input.houseId, communityId: input.communityId, state: 'approved' }));
      if (!own) throw invalid('只能选择您已绑定的本小区房屋', { field: 'houseId' }, 'INVALID_HOUSE');
    }
    // Own-house repairs and complaints stay between the reporter and the property; the rest is on the board.
    const visibility: TicketVisibility = input.houseId || input.kind === 'complaint' ? 'private' : 'public';
    const now = new Date();
    const due = ticketDeadlines(now, category);

    return retryingTransaction(this.db, async (m) => {
      const photos = origin.reporterId !== null ? await this.uploads.claim(input.photoIds, origin.reporterId, m) : [];
      const saved = await m.getRepository(Ticket).save(
        m.getRepository(Ticket).create({
          communityId: Number(community.id),
          areaPath: community.areaPath,
          reporterId: origin.reporterId,
          source: origin.source,
          kind: input.kind,
          categoryCode: category.code,
          categoryName: category.name,
          emergency: category.emergency,
          description,
          photoIds: photos.map((p) => p.id),
          houseId: input.houseId ?? null,
          place: input.place?.trim() || null,
          lat: input.lat ?? null,
          long: input.long ?? null,
          visibility,
          reporterMask: mask,
          state: 'submitted',
          assigneeId: null,
          externalAssignee: null,
          ...due,
          acceptedAt: null,
          resolvedAt: null,
          closedAt: null,
          responseOverdueAt: null,
          resolutionOverdueAt: null,
          respondedOnTime: null,
          resolvedOnTime: null,
          escalatedAt: null,
          reopenCount: 0,
          followerCount: 0,
          ratingStars: null,
          ratingTags: null,
          ratingComment: null,
          ratedAt: null,
          heldForReview: origin.heldForReview,
          idempotencyKey: origin.idempotencyKey,
          // The same instant the deadlines count from (SQLite's own default has only whole seconds).
          createdAt: now,
        }),
      );
      await this.addEvent(m, saved, { actorId: origin.reporterId, actorRole: origin.source === 'hotline' ? 'hotline' : 'reporter', action: 'created', from: null, to: 'submitted' });
      await this.rollups.record(m, null, saved);
      const managers = await this.escalations.managersOf(m, saved.communityId);
      await this.notifications.notify(managers, { kind: 'ticket_new', title: `新工单：${category.name}${category.emergency ? '（紧急）' : ''}`, body: description.slice(0, 100), ticketId: saved.id }, m);
      return saved;
    });
  }

  /** "3栋业主", "物业", "业委会": how neighbours see the reporter. */
  private async reporterMask(userId: number, communityId: number): Promise<string> {
    const [binding] = await rawQuery<{ building: string | null; relation: keyof typeof BINDING_RELATION_LABELS }>(
      this.db,
      `SELECT b.name AS building, hb.relation AS relation FROM house_binding hb
         LEFT JOIN house h ON h.id = hb.house_id LEFT JOIN building b ON b.id = h.building_id
        WHERE hb.user_id = :userId AND hb.community_id = :communityId AND hb.state = 'approved' ORDER BY hb.id LIMIT 1`,
      { userId, communityId },
    );
    if (binding) return `${binding.building ?? ''}${BINDING_RELATION_LABELS[binding.relation]}`;
    const role = await this.db.getRepository(RoleAssignment).findOne({ where: { userId, communityId, revokedAt: IsNull() } });
    if (role?.role === 'committee' || role?.role === 'committee_chair') return '业委会';
    if (role?.role === 'staff' || role?.role === 'manager') return '物业';
    return '居民';
  }

  // ─── Reading ──────────────────────────────────────────────────────────────────────────────────────────────

  /** How much of this ticket the caller sees, or null: then it answers 404. */
  viewerLevel(t: Pick<Ticket, 'communityId' | 'reporterId' | 'visibility' | 'heldForReview'>, caller: Principal, following = false): ViewerLevel | null {
    if (caller.mayInCommunity('tickets.property', t.communityId)) return 'property';
    if (t.reporterId === caller.userId) return 'reporter';
    if (caller.grants.some((g) => (g.role === 'community_office' || g.role === 'regulator') && (g.communities === 'all' || g.communities.includes(t.communityId)))) {
      return 'oversight';
    }
    const onBoard = t.visibility === 'public' && !t.heldForReview && caller.mayInCommunity('tickets.read', t.communityId);
    return onBoard || (following && t.visibility === 'public') ? 'neighbour' : null;
  }

  private actorsOf(t: Ticket, caller: Principal): TicketActor[] {
    const actors: TicketActor[] = [];
    if (t.reporterId === caller.userId) actors.push('reporter');
    if (caller.mayInCommunity('tickets.handle', t.communityId)) actors.push('manager');
    if (t.assigneeId === caller.userId && caller.mayInCommunity('tickets.work', t.communityId)) actors.push('assignee');
    return actors;
  }

  async get(id: number, caller: Principal): Promise<TicketView> {
    const t = await this.db.getRepository(Ticket).findOneBy({ id });
    const following = t ? await this.db.getRepository(TicketFollower).existsBy({ ticketId: id, userId: caller.userId }) : false;
    if (!t) throw notFound('ticket');
    return this.view(t, caller, following);
  }

  /** A ticket as this caller may see it, with what they may do next. */
  private async view(t: Ticket, caller: Principal, following: boolean): Promise<TicketView> {
    const level = this.viewerLevel(t, caller, following);
    if (!level) throw notFound('ticket');
    const actors = this.actorsOf(t, caller);
    const isReporter = t.reporterId === caller.userId;
    return this.views.detail(t, level, {
      actions: availableActions(t.state, actors),
      canRate: isReporter && t.ratingStars === null && (t.state === 'resolved' || (t.state === 'closed' && t.resolvedAt !== null)),
      canUrge: (isReporter || following) && isOverdue(t),
      following,
      isReporter,
    });
  }

  /**
   * The lists (mine, the board, the inbox, …), newest first. Plain SQL over the list columns only: every manager
   * and resident opens one of these first, so it does no more work than the rows need.
   */
  async list(query: ListTicketsQuery, caller: Principal): Promise<Page<TicketSummary>> {
    const where: string[] = [];
    const params: Record<string, unknown> = { me: caller.userId };
    let join = '';
    let levelOf: (t: TicketListRow) => ViewerLevel;
    const narrow = (ids: 'all' | number[]) => {
      const scope = ids === 'all' ? null : ids;
      if (query.communityId !== undefined) {
        if (scope && !scope.includes(query.communityId)) throw notFound('community');
        where.push('t.community_id = :communityId');
        params.communityId = query.communityId;
      } else if (scope) {
        where.push(scope.length ? 't.community_id IN (:...scope)' : '1 = 0');
        params.scope = scope;
      }
    };
    switch (query.view) {
      case 'mine':
        where.push('t.reporter_id = :me');
        if (query.communityId !== undefined) {
          where.push('t.community_id = :communityId');
          params.communityId = query.communityId;
        }
        levelOf = () => 'reporter';
        break;
      case 'following':
        join = 'INNER JOIN ticket_follower f ON f.ticket_id = t.id AND f.user_id = :me';
        levelOf = (t) => this.viewerLevel(t, caller, true) ?? 'neighbour';
        break;
      case 'community':
        narrow(caller.communityIds('tickets.read'));
        where.push("t.visibility = 'public'", 't.held_for_review = :held');
        params.held = false;
        levelOf = (t) => (t.reporterId === caller.userId ? 'reporter' : this.viewerLevel(t, caller) === 'property' ? 'property' : 'neighbour');
        break;
      case 'inbox':
        if (!caller.may('tickets.handle')) throw forbidden();
        narrow(caller.communityIds('tickets.handle'));
        levelOf = () => 'property';
        break;
      case 'oversight':
        if (!caller.may('oversight.read')) throw forbidden();
        narrow(caller.communityIds('oversight.read'));
        levelOf = () => 'oversight';
        break;
      case 'assigned':
        if (!caller.may('tickets.work')) throw forbidden();
        narrow(caller.communityIds('tickets.work'));
        where.push('t.assignee_id = :me');
        levelOf = () => 'property';
        break;
    }
    if (query.state) {
      where.push('t.state IN (:...states)');
      params.states = query.state.split(',');
    }
    if (query.category) {
      where.push('t.category_code = :category');
      params.category = query.category;
    }
    if (query.overdue) {
      where.push(OVERDUE_SQL);
      Object.assign(params, overdueParams());
    }
    if (query.cursor) {
      where.push('t.id < :after');
      params.after = decodeCursor(query.cursor, 1)[0];
    }
    const limit = Math.min(query.limit ?? PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX);
    const rows = await rawQuery(
      this.db,
      `SELECT ${this.listColumns.select} FROM ticket t ${join} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.id DESC LIMIT ${limit + 1}`,
      params,
    );
    const items = rows.slice(0, limit).map((row) => this.listColumns.hydrate(row));
    return {
      items: await this.views.summaries(items, levelOf),
      nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].id]) : null,
    };
  }

  /** Open public tickets of the same category (and place) from the last 7 days: follow one instead of filing again. */
  async similar(query: SimilarQuery, caller: Principal): Promise<TicketSummary[]> {
    if (!caller.mayInCommunity('tickets.report', query.communityId)) throw notFound('community');
    const since = new Date(Date.now() - SIMILAR_WINDOW_DAYS * 86400_000);
    const qb = this.db
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.communityId = :c AND t.categoryCode = :code AND t.createdAt >= :since', { c: query.communityId, code: query.categoryCode, since })
      .andWhere("t.visibility = 'public' AND t.heldForReview = :held", { held: false })
      .andWhere('t.state IN (:...open)', { open: [...OPEN_TICKET_STATES, 'resolved'] });
    const place = query.place?.trim();
    const rows = await qb.orderBy('t.id', 'DESC').limit(50).getMany();
    // Same place: either text contains the other ("3栋" matches "3栋1单元大堂"), or no place was given.
    const matches = place ? rows.filter((t) => t.place && (t.place.includes(place) || place.includes(t.place))) : rows;
    return this.views.summaries(matches.slice(0, 5), (t) => (t.reporterId === caller.userId ? 'reporter' : 'neighbour'));
  }

  /** Staff of the estate's serving company, to assign tickets to. */
  async assignees(communityId: number, caller: Principal): Promise<{ id: number; displayName: string; title: string | null; role: string }[]> {
    if (!caller.mayInCommunity('tickets.handle', communityId)) throw notFound('community');
    const contract = await activeContractsQuery(this.db, shanghaiDate()).andWhere('sc.communityId = :communityId', { communityId }).getOne();
    if (!contract) return [];
    const rows = await this.db.getRepository(RoleAssignment).find({
      where: { communityId, companyId: contract.companyId, role: In(['staff', 'manager']), revokedAt: IsNull() },
      order: { id: 'ASC' },
    });
    const users = rows.length ? await this.db.getRepository(User).findBy({ id: In(rows.map((r) => r.userId)) }) : [];
    const seen = new Set<number>();
    return rows
      .filter((r) => !seen.has(r.userId) && seen.add(r.userId))
      .map((r) => ({ id: r.userId, displayName: users.find((u) => u.id === r.userId)?.displayName ?? '', title: r.title, role: r.role }));
  }

  // ─── The lifecycle ────────────────────────────────────────────────────────────────────────────────────────

  async transition(id: number, dto: TransitionDto, caller: Principal): Promise<TicketView> {
    const t = await this.db.getRepository(Ticket).findOneBy({ id });
    const level = t ? this.viewerLevel(t, caller) : null;
    if (!t || !level) throw notFound('ticket');
    const rule = TICKET_TRANSITIONS.find((r) => r.action === dto.action) as (typeof TICKET_TRANSITIONS)[number];
    const label = TICKET_ACTION_LABELS[dto.action];
    const actors = this.actorsOf(t, caller);
    const actor = rule.actors.find((a) => actors.includes(a));
    if (!actor) throw new DomainError(403, 'ACTION_NOT_ALLOWED', `您不能对该工单执行“${label}”`);
    if (!rule.from.includes(t.state)) {
      throw conflict('ILLEGAL_TRANSITION', `工单当前为“${TICKET_STATE_LABELS[t.state]}”，不能执行“${label}”`, { state: t.state, action: dto.action });
    }
    if (dto.version !== t.version) throw conflict('STALE_VERSION', '工单刚被他人处理过，请刷新后再操作', { version: t.version });
    const reason = dto.reason?.trim();
    const note = dto.note?.trim();
    if (rule.needs.includes('reason') && !reason) throw invalid(`请填写${label}的原因`, { field: 'reason' });
    if (rule.needs.includes('note') && !note) throw invalid('请填写处理结果', { field: 'note' });
    if (rule.needs.includes('photos') && !dto.photoIds?.length) throw invalid('请上传处理后的照片', { field: 'photoIds' });
    let assigneeId: number | null = null;
    if (rule.needs.includes('assignee')) {
      if (!dto.assigneeId === !dto.externalAssignee?.trim()) throw invalid('请选择一位处理人，或填写转办单位', { field: 'assigneeId' });
      if (dto.assigneeId) {
        if (!(await this.assignees(t.communityId, caller)).some((a) => a.id === dto.assigneeId)) {
          throw invalid('处理人须是本小区物业的员工', { field: 'assigneeId' }, 'INVALID_ASSIGNEE');
        }
        assigneeId = dto.assigneeId;
      }
    }
    const text = reason ?? note;
    if (text) await this.content.checkText(caller.userId, text, 2);

    const now = new Date();
    const changes: Partial<Ticket> = { state: rule.to };
    const category = await this.categories.find(t.communityId, t.categoryCode);
    let escalate: 'reopened_twice' | 'appeal' | null = null;
    switch (dto.action) {
      case 'accept':
      case 'reject':
        changes.acceptedAt = now;
        changes.respondedOnTime = now <= t.responseDueAt;
        break;
      case 'assign':
        changes.assigneeId = assigneeId;
        changes.externalAssignee = assigneeId ? null : (dto.externalAssignee?.trim() ?? null);
        break;
      case 'resolve':
        changes.resolvedAt = now;
        changes.resolvedOnTime = now <= t.resolutionDueAt;
        break;
      case 'close':
        changes.closedAt = now;
        break;
      case 'cancel':
        changes.closedAt = now;
        break;
      case 'reopen':
        changes.resolvedAt = null;
        changes.resolvedOnTime = null;
        changes.resolutionOverdueAt = null;
        changes.reopenCount = t.reopenCount + 1;
        changes.resolutionDueAt = resolutionDueFrom(now, category?.resolutionMinutes ?? 72 * 60);
        if (t.reopenCount + 1 >= 2) escalate = 'reopened_twice';
        break;
      case 'appeal': {
        const due = ticketDeadlines(now, category ?? { responseMinutes: 240, resolutionMinutes: 72 * 60 });
        Object.assign(changes, { ...due, acceptedAt: null, respondedOnTime: null, responseOverdueAt: null, resolutionOverdueAt: null });
        escalate = 'appeal';
        break;
      }
    }

    await retryingTransaction(this.db, async (m) => {
      const photos = dto.photoIds?.length ? await this.uploads.claim(dto.photoIds, caller.userId, m) : [];
      // Optimistic lock: the update only applies to the version the caller saw (two managers: one wins).
      const result = await m
        .getRepository(Ticket)
        .createQueryBuilder()
        .update()
        .set(changes)
        .where('id = :id AND version = :version AND state = :state', { id, version: t.version, state: t.state })
        .execute();
      if (!result.affected) throw conflict('STALE_VERSION', '工单刚被他人处理过，请刷新后再操作');
      const updated = { ...t, ...changes } as Ticket;
      await this.rollups.record(m, t, updated);
      const actorRole: EventActorRole = actor === 'reporter' ? 'reporter' : actor === 'manager' ? 'manager' : 'staff';
      await this.addEvent(m, updated, { actorId: caller.userId, actorRole, action: dto.action, from: t.state, to: rule.to, note: text ?? null, photoIds: photos.map((p) => p.id) });
      if (escalate) await this.escalations.escalate(m, updated, escalate);
      await this.afterTransition(m, updated, dto.action, text ?? null);
    });
    this.notifications.kick();
    return this.get(id, caller);
  }

  /** Who hears about a step: the reporter (with a WeChat message on accept, resolve, close), followers, the assignee. */
  private async afterTransition(m: EntityManager, t: Ticket, action: TransitionDto['action'], text: string | null): Promise<void> {
    const subject = `${t.categoryName}：${t.description.slice(0, 14)}`;
    const at = shortTime(new Date());
    const reporter = t.reporterId !== null ? [t.reporterId] : [];
    const followers = (await m.getRepository(TicketFollower).findBy({ ticketId: t.id })).map((f) => f.userId);
    switch (action) {
      case 'accept':
        await this.notifications.notify(reporter, { kind: 'ticket_accepted', title: '工单已受理', body: `您反映的“${subject}”已受理，正在安排处理`, ticketId: t.id, template: 'accepted', fields: { thing1: subject, phrase2: '已受理', time3: at, thing4: '物业正在安排处理' } }, m);
        break;
      case 'reject':
        await this.notifications.notify(reporter, { kind: 'ticket_rejected', title: '工单不予受理', body: `原因：${text ?? ''}。如有异议可申诉`, ticketId: t.id }, m);
        break;
      case 'assign':
        if (t.assigneeId) await this.notifications.notify([t.assigneeId], { kind: 'ticket_assigned', title: '新的派单', body: subject, ticketId: t.id }, m);
        break;
      case 'resolve':
        await this.notifications.notify(reporter, { kind: 'ticket_resolved', title: '工单已处理，请评价', body: `“${subject}”已处理：${text ?? ''}`, ticketId: t.id, template: 'resolved', fields: { thing1: subject, phrase2: '待评价', time3: at, thing4: '请确认处理结果并评价' } }, m);
        await this.notifications.notify(followers, { kind: 'ticket_resolved', title: '您关注的问题已处理', body: subject, ticketId: t.id }, m);
        break;
      case 'close':
        await this.notifications.notify(reporter, { kind: 'ticket_closed', title: '工单已办结', body: subject, ticketId: t.id, template: 'closed', fields: { thing1: subject, phrase2: '已办结', time3: at, thing4: '感谢您的反馈' } }, m);
        break;
      case 'reopen':
      case 'appeal': {
        const managers = await this.escalations.managersOf(m, t.communityId);
        await this.notifications.notify(managers, { kind: `ticket_${action}`, title: action === 'reopen' ? '业主不满意，工单重新办理' : '业主申诉', body: `#${t.id} ${subject}：${text ?? ''}`, ticketId: t.id }, m);
        break;
      }
      default:
        break;
    }
  }

  async addEvent(
    m: EntityManager,
    t: Pick<Ticket, 'id'>,
    e: { actorId: number | null; actorRole: EventActorRole; action: string; from: TicketState | null; to: TicketState | null; note?: string | null; photoIds?: number[] },
  ): Promise<void> {
    await m.getRepository(TicketEvent).insert({
      ticketId: t.id,
      actorId: e.actorId,
      actorRole: e.actorRole,
      action: e.action,
      fromState: e.from,
      toState: e.to,
      note: e.note ?? null,
      photoIds: e.photoIds ?? [],
    });
  }

  // ─── Rating, urging, following ──────────────────────────────────────────────────────────────────────────

  /** Only the reporter, once, after the ticket was resolved. Rating a resolved ticket also closes it. */
  async rate(id: number, dto: RatingDto, caller: Principal): Promise<TicketView> {
    const t = await this.db.getRepository(Ticket).findOneBy({ id });
    if (!t || !this.viewerLevel(t, caller)) throw notFound('ticket');
    if (t.reporterId !== caller.userId) throw new DomainError(403, 'ACTION_NOT_ALLOWED', '只有报事人可以评价');
    if (t.ratingStars !== null) throw conflict('ALREADY_RATED', '您已经评价过了');
    if (!(t.state === 'resolved' || (t.state === 'closed' && t.resolvedAt !== null))) {
      throw conflict('ILLEGAL_TRANSITION', `工单当前为“${TICKET_STATE_LABELS[t.state]}”，处理完成后才能评价`);
    }
    const comment = dto.comment?.trim() || null;
    if (comment) await this.content.checkText(caller.userId, comment, 2);
    const now = new Date();
    await retryingTransaction(this.db, async (m) => {
      const closes = t.state === 'resolved';
      const result = await m
        .getRepository(Ticket)
        .createQueryBuilder()
        .update()
        .set({ ratingStars: dto.stars, ratingTags: dto.tags ?? [], ratingComment: comment, ratedAt: now, ...(closes ? { state: 'closed' as const, closedAt: now } : {}) })
        .where('id = :id AND rating_stars IS NULL AND state = :state', { id, state: t.state })
        .execute();
      if (!result.affected) throw conflict('ALREADY_RATED', '您已经评价过了');
      await this.rollups.record(m, t, { ...t, ratingStars: dto.stars, ...(closes ? { state: 'closed' as const } : {}) });
      await this.addEvent(m, t, { actorId: caller.userId, actorRole: 'reporter', action: 'rate', from: t.state, to: closes ? 'closed' : t.state, note: `${'★'.repeat(dto.stars)}${comment ? ` ${comment}` : ''}` });
      if (closes) await this.afterTransition(m, { ...t, state: 'closed' }, 'close', null);
    });
    this.notifications.kick();
    return this.get(id, caller);
  }

  /** 催办: the reporter or a follower, for an overdue ticket, at most once an hour each. */
  async urge(id: number, caller: Principal): Promise<TicketView> {
    const t = await this.db.getRepository(Ticket).findOneBy({ id });
    const following = t ? await this.db.getRepository(TicketFollower).existsBy({ ticketId: id, userId: caller.userId }) : false;
    if (!t || !this.viewerLevel(t, caller, following)) throw notFound('ticket');
    if (t.reporterId !== caller.userId && !following) throw new DomainError(403, 'ACTION_NOT_ALLOWED', '只有报事人或关注者可以催办');
    if (!isOverdue(t)) throw conflict('NOT_OVERDUE', '工单还在办理时限内，超时后才能催办');
    const last = await this.db.getRepository(TicketEvent).findOne({ where: { ticketId: id, actorId: caller.userId, action: 'urge' }, order: { id: 'DESC' } });
    const wait = last ? last.createdAt.getTime() + URGE_INTERVAL_MINUTES * 60_000 - Date.now() : 0;
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      throw new DomainError(429, 'URGE_TOO_SOON', `一小时内只能催办一次，请 ${minutes} 分钟后再试`, { retryAfter: Math.ceil(wait / 1000) }, { 'Retry-After': String(Math.ceil(wait / 1000)) });
    }
    await retryingTransaction(this.db, async (m) => {
      await this.addEvent(m, t, { actorId: caller.userId, actorRole: t.reporterId === caller.userId ? 'reporter' : 'follower', action: 'urge', from: t.state, to: t.state, note: '催办' });
      const managers = await this.escalations.managersOf(m, t.communityId);
      const assignee = t.assigneeId ? [t.assigneeId] : [];
      await this.notifications.notify([...managers, ...assignee], { kind: 'ticket_urged', title: '业主催办', body: `#${t.id} ${t.categoryName}：${t.description.slice(0, 40)}`, ticketId: t.id }, m);
    });
    return this.get(id, caller);
  }

  /** "Me too" (+1): follow a neighbour's open public ticket instead of filing the same problem again. */
  async follow(id: number, caller: Principal): Promise<TicketView> {
    const t = await this.db.getRepository(Ticket).findOneBy({ id });
    if (!t || t.visibility !== 'public' || !this.viewerLevel(t, caller) || !caller.mayInCommunity('tickets.report', t.communityId)) throw notFound('ticket');
    if (t.reporterId === caller.userId) throw conflict('OWN_TICKET', '这是您自己反映的问题');
    if (!([...OPEN_TICKET_STATES, 'resolved'] as TicketState[]).includes(t.state)) throw conflict('ILLEGAL_TRANSITION', '该问题已经办结，无需再关注');
    await retryingTransaction(this.db, async (m) => {
      // Following twice is a no-op; the unique index settles a double tap.
      if (await m.getRepository(TicketFollower).existsBy({ ticketId: id, userId: caller.userId })) return;
      await m.getRepository(TicketFollower).insert({ ticketId: id, userId: caller.userId });
      await m.getRepository(Ticket).increment({ id }, 'followerCount', 1);
      await this.addEvent(m, t, { actorId: caller.userId, actorRole: 'follower', action: 'follow', from: t.state, to: t.state, note: '我也遇到了（+1）' });
    });
    return this.get(id, caller);
  }

  async unfollow(id: number, caller: Principal): Promise<TicketView> {
    const removed = await this.db.getRepository(TicketFollower).delete({ ticketId: id, userId: caller.userId });
    if (removed.affected) await this.db.getRepository(Ticket).decrement({ id }, 'followerCount', 1);
    return this.get(id, caller);
  }
}
