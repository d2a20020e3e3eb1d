import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { BOARD_MIN_DAYS, isPublished, type DisclosureStep, type DisclosureSummary, type DisclosureView, type Page, type QuestionView, type ReviewView } from '@wuye/contracts';
import { notFound, type ResourceName } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import { scrubPersonal, scrubStrings } from '../../common/privacy';
import type { Principal } from '../identity/principal';
import { User } from '../identity/user.entity';
import { Community } from '../org/community.entity';
import { UploadsService } from '../uploads/uploads.service';
import { disclosureActions, holdsStep, refusalFrom, lineApproved, signOffHold } from './disclosure-lifecycle';
import { DisclosureLine } from './disclosure-line.entity';
import { DisclosureQuestion } from './disclosure-question.entity';
import { DisclosureReview } from './disclosure-review.entity';
import { DisclosureSharesService } from './disclosure-shares.service';
import { Disclosure } from './disclosure.entity';
import { ListDisclosuresQuery } from './dto/disclosure.dto';

/**
 * A question as everyone sees it: the asker masked ("3栋业主"); beyond the property side that answers it (`full`),
 * the question and the answer through the one masking step.
 */
export function questionView(q: DisclosureQuestion, full: boolean): QuestionView {
  return {
    id: q.id,
    lineId: q.lineId,
    asker: q.askerMask,
    text: full ? q.text : scrubPersonal(q.text),
    answer: full ? q.answer : scrubPersonal(q.answer),
    answeredAt: q.answeredAt?.toISOString() ?? null,
    dueAt: q.dueAt.toISOString(),
    overdue: !q.answeredAt && q.dueAt.getTime() < Date.now(),
    meetingNote: q.meetingNote,
    createdAt: q.createdAt.toISOString(),
  };
}

/**
 * Reading disclosures, and loading one for a step: drafts and reviews exist only for the property side and the
 * committee, published versions for everyone in the estate; the rest answers 404.
 */
@Injectable()
export class DisclosureViewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uploads: UploadsService,
    private readonly shares: DisclosureSharesService,
  ) {}

  find(id: number): Promise<Disclosure | null> {
    return this.db.getRepository(Disclosure).findOneBy({ id });
  }

  visible(d: Disclosure, caller: Principal): boolean {
    return caller.mayInCommunity(isPublished(d.state) ? 'disclosures.read' : 'disclosures.internal', d.communityId);
  }

  /**
   * The one load-and-check of the lifecycle: the disclosure, if the caller may take `step` on it in this state
   * (DISCLOSURE_TRANSITIONS). Outside the caller's reach it does not exist (404); in the wrong state, the table's reason.
   */
  async loadFor(step: DisclosureStep, id: number, caller: Principal, resource: ResourceName = 'disclosure'): Promise<Disclosure> {
    const d = await this.find(id);
    if (!d || !this.visible(d, caller) || !holdsStep(caller, d.communityId, step)) throw notFound(resource);
    const refusal = refusalFrom(d.state, step, d.type);
    if (refusal) throw refusal;
    return d;
  }

  async get(id: number, caller: Principal): Promise<DisclosureView> {
    const d = await this.find(id);
    if (!d || !this.visible(d, caller)) throw notFound('disclosure');
    const internal = caller.mayInCommunity('disclosures.internal', d.communityId);
    const lines = await this.db.getRepository(DisclosureLine).find({ where: { disclosureId: id }, order: { seq: 'ASC' } });
    const uploads = await this.uploads.findByIds([...new Set(lines.flatMap((l) => l.attachmentIds))]);
    const attachments = new Map<number, DisclosureView['lines'][number]['attachments'][number]>();
    for (const u of uploads) {
      const v = await this.uploads.photoView(u);
      attachments.set(u.id, { id: u.id, url: v.url, thumbnailUrl: v.thumbnailUrl || null, kind: u.kind });
    }
    const reviews = internal ? await this.db.getRepository(DisclosureReview).find({ where: { disclosureId: id }, order: { id: 'ASC' } }) : [];
    const questions = await this.db.getRepository(DisclosureQuestion).find({ where: { disclosureId: id }, order: { id: 'ASC' } });
    const people = await this.db.getRepository(User).findBy({ id: In(reviews.map((r) => r.reviewerId)) });
    const lineage = await this.db.getRepository(Disclosure).find({ where: { lineageId: d.lineageId ?? d.id }, order: { version: 'DESC' } });
    // A published withdrawal shows the vote as judged at sign-off (its facts); a draft, against the estate as it is now.
    const frozenVotes = isPublished(d.state) ? d.facts?.fund?.passed : undefined;
    const cited = d.type === 'maintenance_fund' ? await this.shares.citedVotes(d.communityId, lines) : null;
    const summary = (await this.summaries([d]))[0];
    // The caller would be the one signing: why that cannot happen yet, said before the button is pressed.
    const hold = internal && d.state === 'in_review' ? signOffHold(lines, reviews, caller.userId) : null;
    // What the property side and the committee wrote reaches residents (and their .xlsx export) through the one masking step.
    const shown = internal ? <T>(value: T) => value : scrubStrings;
    return {
      ...summary,
      // The agreed share of each house is the committee's business; residents see the totals and their own share.
      content: internal ? d.content : shown({ ...d.content, fixedShares: undefined }),
      lines: lines.map((l) => ({
        id: l.id,
        seq: l.seq,
        kind: l.kind,
        item: shown(l.item),
        amountFen: l.amountFen ?? undefined,
        fields: shown(
          l.kind !== 'withdrawal' || d.type !== 'maintenance_fund'
            ? l.fields
            : { ...l.fields, voteTitle: cited?.get(l.seq)?.title ?? null, votePassed: frozenVotes ? Boolean(frozenVotes[String(l.seq)]) : Boolean(cited?.get(l.seq)?.passed) },
        ),
        attachmentIds: l.attachmentIds,
        attachments: l.attachmentIds.map((a) => attachments.get(a)).filter((v): v is NonNullable<typeof v> => Boolean(v)),
        approved: d.state === 'in_review' && lineApproved(l, reviews),
      })),
      reviewRound: d.reviewRound,
      reviews: reviews.map(
        (r): ReviewView => ({
          id: r.id,
          lineId: r.lineId,
          reviewer: people.find((p) => p.id === r.reviewerId)?.displayName ?? '',
          decision: r.decision,
          comment: r.comment,
          answer: r.answer,
          answeredAt: r.answeredAt?.toISOString() ?? null,
          round: r.round,
          createdAt: r.createdAt.toISOString(),
        }),
      ),
      questions: questions.map((q) => questionView(q, caller.mayInCommunity('disclosures.write', d.communityId))),
      versions: lineage
        .filter((v) => isPublished(v.state) || internal)
        .map((v) => ({ id: v.id, version: v.version, state: v.state, correctionReason: v.correctionReason, publishedAt: v.publishedAt?.toISOString() ?? null, hash: v.hash })),
      correctionReason: shown(d.correctionReason),
      allocation: d.type === 'shared_cost' ? await this.shares.allocation(d, internal) : null,
      myShares: d.type === 'shared_cost' ? await this.shares.myShares(d, caller.userId) : [],
      vote: d.type === 'vote_result' ? (d.facts?.vote ?? null) : null,
      ...disclosureActions(d, caller, { signOff: hold?.message ?? null }),
      rowVersion: d.rowVersion,
    };
  }

  async list(communityId: number, query: ListDisclosuresQuery, caller: Principal): Promise<Page<DisclosureSummary>> {
    if (!caller.mayInCommunity('disclosures.read', communityId)) throw notFound('community');
    const internal = caller.mayInCommunity('disclosures.internal', communityId);
    const qb = this.db.getRepository(Disclosure).createQueryBuilder('d').where('d.communityId = :communityId', { communityId });
    if (!internal) qb.andWhere("d.state IN ('published', 'superseded')");
    if (query.type) qb.andWhere('d.type = :type', { type: query.type });
    if (query.period) qb.andWhere('d.period = :period', { period: query.period });
    if (query.state) qb.andWhere('d.state = :state', { state: query.state });
    const page = await keysetPage(qb, { columns: [{ expr: 'd.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (d) => [d.id] });
    return { items: await this.summaries(page.items), nextCursor: page.nextCursor };
  }

  async summaries(items: Disclosure[]): Promise<DisclosureSummary[]> {
    if (!items.length) return [];
    const open = await this.db
      .getRepository(DisclosureQuestion)
      .createQueryBuilder('q')
      .select('q.disclosureId', 'id')
      .addSelect('COUNT(*)', 'n')
      .where('q.disclosureId IN (:...ids) AND q.answeredAt IS NULL', { ids: items.map((d) => d.id) })
      .groupBy('q.disclosureId')
      .getRawMany<{ id: number; n: string }>();
    return items.map((d) => ({
      id: d.id,
      communityId: d.communityId,
      type: d.type,
      period: d.period,
      title: d.title,
      state: d.state,
      version: d.version,
      totals: d.totals,
      publishedAt: d.publishedAt?.toISOString() ?? null,
      boardUntil: d.publishedAt ? new Date(d.publishedAt.getTime() + BOARD_MIN_DAYS * 86400_000).toISOString() : null,
      hash: d.hash,
      openQuestions: Number(open.find((o) => Number(o.id) === d.id)?.n ?? 0),
    }));
  }

  /** What an export needs: the view, the estate, and every house's share for the property side. */
  async loadForExport(id: number, caller: Principal) {
    const view = await this.get(id, caller);
    const community = await this.db.getRepository(Community).findOneByOrFail({ id: view.communityId });
    const internal = caller.mayInCommunity('disclosures.internal', view.communityId);
    const shares = view.type === 'shared_cost' && internal && isPublished(view.state) ? await this.shares.shareTable(view.id) : [];
    return { view, community, shares };
  }
}
