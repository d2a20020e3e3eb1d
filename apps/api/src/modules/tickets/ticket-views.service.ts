import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ROLE_LABELS, isoTime, type TicketContact, type TicketEventView, type TicketSummary, type TicketView } from '@wuye/contracts';
import { Building } from '../org/building.entity';
import { House } from '../org/house.entity';
import { scrubPersonal } from '../../common/privacy';
import { houseLabel } from '../org/houses.service';
import { UploadsService } from '../uploads/uploads.service';
import { isOverdue } from './deadlines';
import { TicketEvent } from './ticket-event.entity';
import type { Ticket } from './ticket.entity';

/**
 * How much of a ticket a viewer sees:
 * - property: the estate's manager, staff, company admins, platform admins: everything, reporter included;
 * - reporter: their own ticket, everything;
 * - office: the estate's community office: what oversight sees, and whom a return visit (回访) calls;
 * - oversight: regulators (and offices elsewhere): the content, never who reported it;
 * - neighbour: residents and committee members on the community board: public tickets, reporter masked
 *   ("3栋业主"), phone and ID numbers in the text masked, photos WeChat judged risky hidden.
 */
export type ViewerLevel = 'property' | 'reporter' | 'office' | 'oversight' | 'neighbour';

const ACTOR_LABELS: Record<TicketEvent['actorRole'], string> = {
  reporter: '报事人',
  manager: ROLE_LABELS.manager,
  staff: ROLE_LABELS.staff,
  office: ROLE_LABELS.community_office,
  follower: '关注的居民',
  hotline: '12345热线（Open311）',
  system: '系统',
};

/** Free text as the viewer reads it: as written for the reporter and the property side, else through the one masking step. */
const textFor = (full: boolean): ((text: string | null) => string | null) => (full ? (text) => text : scrubPersonal);

const summaryText = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/** The columns a list item is made of: lists read only these. */
export const SUMMARY_FIELDS = [
  'id',
  'communityId',
  'reporterId',
  'kind',
  'categoryCode',
  'categoryName',
  'emergency',
  'description',
  'photoIds',
  'place',
  'visibility',
  'reporterMask',
  'state',
  'version',
  'responseDueAt',
  'resolutionDueAt',
  'escalatedAt',
  'followerCount',
  'heldForReview',
  'createdAt',
  'source',
  'returnVisit',
  'callerName',
  'callerPhoneMasked',
  'assigneeId',
] as const;
export type TicketListRow = Pick<Ticket, (typeof SUMMARY_FIELDS)[number]>;

const inList = (ids: number[]) => ids.map(Number).join(', ');

@Injectable()
export class TicketViewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uploads: UploadsService,
  ) {}

  /**
   * List items; every list of tickets comes through here, so it reads names with two small plain queries.
   * `mayReveal`: whether the viewer may reveal the number of a ticket's contact (they handle it).
   */
  async summaries<T extends TicketListRow>(tickets: T[], levelOf: (t: T) => ViewerLevel, mayReveal: (t: T) => boolean = () => false): Promise<TicketSummary[]> {
    if (!tickets.length) return [];
    const communityNames = await this.communityNames(tickets.map((t) => t.communityId));
    const reporterIds = tickets.filter((t) => t.reporterId !== null && ['property', 'reporter', 'office'].includes(levelOf(t))).map((t) => t.reporterId as number);
    const reporters = await this.people(reporterIds);
    const thumbnails = await this.thumbnails(tickets.map((t) => t.photoIds[0]).filter((id): id is number => id !== undefined));
    const now = Date.now();
    return tickets.map((t) => {
      const reporter = t.reporterId !== null ? reporters.get(t.reporterId) : undefined;
      return this.summaryOf(t, levelOf(t), communityNames.get(t.communityId) ?? '', reporter, thumbnails, mayReveal(t), now);
    });
  }

  /**
   * Whom a return visit calls, for those who handle the ticket: the caller of 代报, else the app reporter (to the
   * office only once a return visit concerns it). Numbers masked; the full one only through an audited reveal.
   */
  private contactOf(t: TicketListRow, level: ViewerLevel, reporter: { name: string; phoneMasked: string | null } | undefined, mayReveal: boolean): TicketContact | null {
    if (level !== 'property' && level !== 'office') return null;
    const contact = t.callerName !== null ? { name: t.callerName, phoneMasked: t.callerPhoneMasked } : reporter && (level === 'property' || t.returnVisit !== null) ? reporter : null;
    return contact ? { name: contact.name, phoneMasked: contact.phoneMasked, canReveal: mayReveal && contact.phoneMasked !== null } : null;
  }

  /** Signed thumbnail links of these photos (a list shows each ticket's first photo only), by photo id. */
  private async thumbnails(photoIds: number[]): Promise<Map<number, { url: string; risky: boolean }>> {
    const thumbnails = new Map<number, { url: string; risky: boolean }>();
    for (const photo of photoIds.length ? await this.uploads.findByIds(photoIds) : []) {
      thumbnails.set(photo.id, { url: photo.thumbnailKey ? await this.uploads.fileUrl(photo.thumbnailKey) : '', risky: photo.moderation === 'risky' });
    }
    return thumbnails;
  }

  private summaryOf(
    t: TicketListRow,
    level: ViewerLevel,
    communityName: string,
    reporterPerson: { name: string; phoneMasked: string | null } | undefined,
    thumbnails: Map<number, { url: string; risky: boolean }>,
    mayReveal: boolean,
    now = Date.now(),
  ): TicketSummary {
    const reporterName = level === 'property' || level === 'reporter' ? reporterPerson?.name : undefined;
    const full = level === 'property' || level === 'reporter';
    const shown = textFor(full);
    const thumbnail = t.photoIds.length ? thumbnails.get(t.photoIds[0]) : undefined;
    return {
      id: t.id,
      communityId: t.communityId,
      communityName,
      kind: t.kind,
      categoryCode: t.categoryCode,
      categoryName: t.categoryName,
      emergency: t.emergency,
      summary: summaryText(shown(t.description) as string),
      state: t.state,
      visibility: t.visibility,
      reporter: full && reporterName !== undefined ? reporterName : t.reporterMask,
      place: shown(t.place),
      thumbnailUrl: thumbnail && (full || !thumbnail.risky) ? thumbnail.url : null,
      createdAt: isoTime(t.createdAt),
      responseDueAt: isoTime(t.responseDueAt),
      resolutionDueAt: isoTime(t.resolutionDueAt),
      overdue: isOverdue(t, now),
      escalated: t.escalatedAt !== null,
      followerCount: t.followerCount,
      version: t.version,
      source: t.source,
      returnVisit: t.returnVisit,
      contact: this.contactOf(t, level, reporterPerson, mayReveal),
    };
  }

  /** One ticket with its timeline: the ticket's events, then everyone they name in one query. */
  async detail(
    t: Ticket,
    level: ViewerLevel,
    extras: Pick<TicketView, 'actions' | 'canRate' | 'canUrge' | 'blocked' | 'following' | 'isReporter'>,
    mayReveal = false,
  ): Promise<TicketView> {
    const full = level === 'property' || level === 'reporter';
    const shown = textFor(full);
    const events = await this.db.getRepository(TicketEvent).find({ where: { ticketId: t.id }, order: { id: 'ASC' } });
    const people = await this.people(
      events
        .map((e) => e.actorId)
        .concat(t.assigneeId, t.filedById, full || level === 'office' ? t.reporterId : null)
        .filter((id): id is number => id !== null),
    );
    const communityName = (await this.communityNames([t.communityId])).get(t.communityId) ?? '';
    const reporter = t.reporterId !== null && full ? people.get(t.reporterId) : undefined;
    const summary = this.summaryOf(t, level, communityName, t.reporterId !== null ? people.get(t.reporterId) : undefined, await this.thumbnails(t.photoIds.slice(0, 1)), mayReveal);
    let house: string | null = null;
    const filer = t.filedById !== null ? people.get(t.filedById) : undefined;
    if (t.houseId !== null && level !== 'neighbour') {
      const h = await this.db.getRepository(House).findOneBy({ id: t.houseId });
      const b = h ? await this.db.getRepository(Building).findOneBy({ id: h.buildingId }) : null;
      house = h ? houseLabel(b?.name ?? '', h.unit, h.number) : null;
    }
    const timeline: TicketEventView[] = [];
    for (const e of events) {
      const person = e.actorId !== null ? people.get(e.actorId) : undefined;
      // Residents' names stay with the reporter and the property side; staff act in their role.
      const named = e.actorRole === 'manager' || e.actorRole === 'staff' || e.actorRole === 'office' || full;
      const actor =
        e.actorRole === 'reporter'
          ? full
            ? `${ACTOR_LABELS.reporter} ${person?.name ?? ''}`.trim()
            : t.reporterMask
          : e.actorRole === 'follower'
            ? ACTOR_LABELS.follower
            : `${ACTOR_LABELS[e.actorRole]}${named && person ? ` ${person.name}` : ''}`;
      timeline.push({
        id: e.id,
        action: e.action,
        actor,
        fromState: e.fromState,
        toState: e.toState,
        note: shown(e.note),
        photos: await this.uploads.photoViews(e.photoIds, !full),
        at: e.createdAt.toISOString(),
      });
    }
    const assignee = t.assigneeId !== null ? people.get(t.assigneeId) : undefined;
    return {
      ...summary,
      description: shown(t.description) as string,
      photos: await this.uploads.photoViews(t.photoIds, !full),
      house,
      lat: level === 'neighbour' ? null : t.lat,
      long: level === 'neighbour' ? null : t.long,
      assignee: assignee ? `${ROLE_LABELS.staff} ${assignee.name}` : shown(t.externalAssignee),
      reporterPhone: level === 'property' ? (reporter?.phoneMasked ?? null) : null,
      rating: t.ratingStars === null ? null : { stars: t.ratingStars, tags: t.ratingTags ?? [], comment: shown(t.ratingComment), at: (t.ratedAt as Date).toISOString() },
      reopenCount: t.reopenCount,
      timeline,
      heldForReview: t.heldForReview,
      returnVisitTries: t.returnVisitTries,
      returnVisitTriedOn: t.returnVisitTriedOn,
      // Who filed it for the caller is the property side's or an office's act, named like the timeline names them.
      filedBy: filer && level !== 'neighbour' ? filer.name : null,
      ...extras,
    };
  }

  private async communityNames(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.db.query<{ id: number; name: string }[]>(`SELECT id, name FROM community WHERE id IN (${inList(unique)})`);
    return new Map(rows.map((r) => [Number(r.id), r.name]));
  }

  private async people(ids: number[]): Promise<Map<number, { name: string; phoneMasked: string | null }>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.db.query<{ id: number; name: string; phoneMasked: string | null }[]>(
      `SELECT id, display_name AS name, phone_masked AS phoneMasked FROM app_user WHERE id IN (${inList(unique)})`,
    );
    return new Map(rows.map((r) => [Number(r.id), { name: r.name, phoneMasked: r.phoneMasked }]));
  }

}
