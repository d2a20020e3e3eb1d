import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, LessThan, Not } from 'typeorm';
import {
  DISCLOSURE_STATE_LABELS,
  DISCLOSURE_TYPE_LABELS,
  allocateLargestRemainder,
  shareBasis,
  type AllocationSummary,
  type DisclosureContent,
  type DisclosureLineInput,
  type DisclosureSummary,
  type DisclosureView,
  type Page,
  type QuestionView,
  type ReviewView,
} from '@wuye/contracts';
import { conflict, invalid, notFound } from '../../common/errors';
import { keysetPage } from '../../common/pagination';
import { ContentSecurityService } from '../content/content-security.service';
import { AuditService } from '../identity/audit.service';
import { HouseBinding } from '../identity/house-binding.entity';
import { managersOf, neighbourMask } from '../identity/people';
import type { Principal } from '../identity/principal';
import { RoleAssignment } from '../identity/role-assignment.entity';
import { User } from '../identity/user.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { Building } from '../org/building.entity';
import { Community } from '../org/community.entity';
import { House } from '../org/house.entity';
import { houseLabel } from '../org/houses.service';
import { Upload } from '../uploads/upload.entity';
import { UploadsService } from '../uploads/uploads.service';
import { disclosureHash } from './disclosure-hash';
import { DisclosureLine } from './disclosure-line.entity';
import { DisclosureQuestion } from './disclosure-question.entity';
import { DisclosureReview } from './disclosure-review.entity';
import { checkContent, checkLines, checkPeriod, computeTotals, votePassed, type LineProblem, type NormalisedLine } from './disclosure-rules';
import { DisclosureShare } from './disclosure-share.entity';
import { Disclosure } from './disclosure.entity';
import { AnswerDto, CorrectionDto, CreateDisclosureDto, ListDisclosuresQuery, QuestionDto, QuestionsQuery, ReviewDto, UpdateDisclosureDto } from './dto/disclosure.dto';

const refused = (problems: LineProblem[]) => {
  const first = problems[0];
  const where = first.line ? `第 ${first.line} 行` : '';
  return invalid(`公示内容有误：${where}${first.problem}`, { problems }, 'DISCLOSURE_INVALID');
};
const published = () => conflict('DISCLOSURE_PUBLISHED', '已公示的内容不能修改；如需更正，请发起更正（新版本）');

/**
 * 公示 and 业账社审: the manager drafts, the owners' committee reviews line by line, the chair signs off, residents
 * see it. A published version never changes; corrections are new versions. Each publication is hashed and chained.
 */
/** The houses a shared cost by area or household falls on: the chosen buildings, or the whole estate. */
const housesInScope = (communityId: number, content: DisclosureContent) => (content.buildingIds?.length ? { communityId, buildingId: In(content.buildingIds) } : { communityId });

@Injectable()
export class DisclosuresService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uploads: UploadsService,
    private readonly notifications: NotificationsService,
    private readonly contentSecurity: ContentSecurityService,
    private readonly audit: AuditService,
  ) {}

  // ─── Drafting ─────────────────────────────────────────────────────────────────────────────────────────────

  async create(dto: CreateDisclosureDto, caller: Principal): Promise<DisclosureView> {
    if (!caller.mayInCommunity('disclosures.write', dto.communityId)) throw notFound('community');
    const community = await this.db.getRepository(Community).findOneBy({ id: dto.communityId });
    if (!community) throw notFound('community');
    const periodProblem = checkPeriod(dto.type, dto.period);
    if (periodProblem) throw invalid(periodProblem, { field: 'period' }, 'DISCLOSURE_INVALID');
    const { content, lines } = await this.checked(dto.type, dto.communityId, dto.content ?? {}, dto.lines, false);
    const id = await this.db.transaction(async (m) => {
      const d = await m.getRepository(Disclosure).save(
        m.getRepository(Disclosure).create({
          communityId: community.id,
          areaPath: community.areaPath,
          type: dto.type,
          period: dto.period,
          title: dto.title,
          state: 'draft',
          lineageId: null,
          version: 1,
          supersedesId: null,
          correctionReason: null,
          content,
          totals: computeTotals(dto.type, content, lines),
          reviewRound: 0,
          createdById: caller.userId,
          submittedAt: null,
          publishedAt: null,
          signedOffById: null,
          chainSeq: null,
          hash: null,
          prevHash: null,
        }),
      );
      await m.getRepository(Disclosure).update(d.id, { lineageId: d.id });
      await this.writeLines(m, d.id, lines, caller.userId, new Set());
      await this.audit.record({ actorId: caller.userId, action: 'disclosure.create', entityType: 'disclosure', entityId: d.id, communityId: community.id, after: { type: dto.type, period: dto.period } }, m);
      return d.id;
    });
    return this.get(id, caller);
  }

  async update(id: number, dto: UpdateDisclosureDto, caller: Principal): Promise<DisclosureView> {
    const d = await this.editable(id, caller);
    if (dto.rowVersion !== undefined && dto.rowVersion !== d.rowVersion) throw conflict('STALE_VERSION', '该公示刚被修改过，请刷新后再编辑');
    if (dto.period !== undefined) {
      const problem = checkPeriod(d.type, dto.period);
      if (problem) throw invalid(problem, { field: 'period' }, 'DISCLOSURE_INVALID');
    }
    const existingLines = await this.db.getRepository(DisclosureLine).find({ where: { disclosureId: id }, order: { seq: 'ASC' } });
    const lineIds = (dto.lines ?? []).map((l) => l.id).filter((lineId): lineId is number => lineId !== undefined);
    if (lineIds.some((lineId) => !existingLines.some((l) => l.id === lineId)) || new Set(lineIds).size !== lineIds.length) {
      throw invalid('明细行与这份公示不符，请刷新后再编辑', { field: 'lines' }, 'DISCLOSURE_INVALID');
    }
    const lineInputs: DisclosureLineInput[] = dto.lines ?? existingLines.map((l) => ({ kind: l.kind, item: l.item, amountFen: l.amountFen ?? undefined, fields: l.fields, attachmentIds: l.attachmentIds }));
    const { content, lines } = await this.checked(d.type, d.communityId, dto.content ?? d.content, lineInputs, false);
    await this.db.transaction(async (m) => {
      const result = await m
        .getRepository(Disclosure)
        .createQueryBuilder()
        .update()
        .set({ title: dto.title ?? d.title, period: dto.period ?? d.period, content, totals: computeTotals(d.type, content, lines) })
        .where("id = :id AND row_version = :v AND state = 'draft'", { id, v: d.rowVersion })
        .execute();
      if (!result.affected) throw conflict('STALE_VERSION', '该公示刚被修改过，请刷新后再编辑');
      // Lines change only when sent. A sent line with its id is edited in place, so the committee's queries on it
      // stay attached; existing lines not sent are removed; lines without an id are new.
      if (dto.lines) {
        const kept = new Set(existingLines.flatMap((l) => l.attachmentIds));
        const sentIds = (dto.lines ?? []).map((l) => l.id);
        const removed = existingLines.filter((l) => !sentIds.includes(l.id)).map((l) => l.id);
        if (removed.length) await m.getRepository(DisclosureLine).delete(removed);
        await this.writeLines(m, id, lines, caller.userId, kept, sentIds);
      }
    });
    return this.get(id, caller);
  }

  /**
   * Lines in order (`ids[i]`: line i is that existing line, updated in place; otherwise inserted). Vouchers the
   * caller just uploaded are claimed, ones the disclosure already had are kept.
   */
  private async writeLines(m: EntityManager, disclosureId: number, lines: NormalisedLine[], userId: number, kept: Set<number>, ids: (number | undefined)[] = []): Promise<void> {
    const fresh = [...new Set(lines.flatMap((l) => l.attachmentIds).filter((a) => !kept.has(a)))];
    await this.uploads.claim(fresh, userId, m, ['image', 'pdf']);
    const rows = lines.map((l, i) => ({ disclosureId, seq: i + 1, kind: l.kind, item: l.item, amountFen: l.amountFen, fields: l.fields, attachmentIds: l.attachmentIds }));
    for (const [i, row] of rows.entries()) if (ids[i] !== undefined) await m.getRepository(DisclosureLine).update({ id: ids[i], disclosureId }, row);
    const added = rows.filter((_, i) => ids[i] === undefined);
    if (added.length) await m.getRepository(DisclosureLine).insert(added);
  }

  private async checked(type: Disclosure['type'], communityId: number, rawContent: DisclosureContent, rawLines: DisclosureLineInput[], forSubmission: boolean) {
    const c = checkContent(type, rawContent);
    const l = checkLines(type, rawLines, forSubmission);
    const problems = [...c.problems, ...l.problems];
    if (type === 'shared_cost' && !problems.length) problems.push(...(await this.allocationProblems(communityId, c.content, forSubmission)));
    if (problems.length) throw refused(problems);
    return { content: c.content, lines: l.lines };
  }

  /** Buildings and houses of this estate; for submission, at least one house to share the cost. */
  private async allocationProblems(communityId: number, content: DisclosureContent, forSubmission: boolean): Promise<LineProblem[]> {
    if (content.buildingIds?.length) {
      const found = await this.db.getRepository(Building).countBy({ communityId, id: In(content.buildingIds) });
      if (found !== content.buildingIds.length) return [{ field: 'content.buildingIds', problem: '所选楼栋不属于本小区' }];
    }
    if (forSubmission && content.method !== 'fixed') {
      const houses = await this.db.getRepository(House).countBy(housesInScope(communityId, content));
      if (!houses) return [{ field: 'content.buildingIds', problem: '分摊范围内没有房屋，请先导入房屋或另选楼栋' }];
    }
    if (content.method === 'fixed') {
      const ids = (content.fixedShares ?? []).map((s) => s.houseId);
      const found = await this.db.getRepository(House).countBy({ communityId, id: In(ids) });
      if (found !== new Set(ids).size || found !== ids.length) return [{ field: 'content.fixedShares', problem: '约定份额中有不属于本小区或重复的房屋' }];
    }
    return [];
  }

  /** 提交业委会审核: a new review round begins. */
  async submit(id: number, caller: Principal): Promise<DisclosureView> {
    const d = await this.editable(id, caller);
    const lines = await this.db.getRepository(DisclosureLine).find({ where: { disclosureId: id }, order: { seq: 'ASC' } });
    await this.checked(d.type, d.communityId, d.content, lines.map((l) => ({ kind: l.kind, item: l.item, amountFen: l.amountFen ?? undefined, fields: l.fields, attachmentIds: l.attachmentIds })), true);
    await this.db.transaction(async (m) => {
      const result = await m
        .getRepository(Disclosure)
        .createQueryBuilder()
        .update()
        .set({ state: 'in_review', reviewRound: d.reviewRound + 1, submittedAt: new Date() })
        .where("id = :id AND state = 'draft' AND row_version = :v", { id, v: d.rowVersion })
        .execute();
      if (!result.affected) throw conflict('STALE_VERSION', '该公示刚被修改过，请刷新后再提交');
      const committee = await m.getRepository(RoleAssignment).findBy({ communityId: d.communityId, role: In(['committee', 'committee_chair']), revokedAt: IsNull() });
      await this.notifications.notify(committee.map((c) => c.userId), { kind: 'disclosure_review', title: '有公示待审核', body: `${DISCLOSURE_TYPE_LABELS[d.type]}（${d.period}）：${d.title}` }, m);
    });
    this.notifications.kick();
    return this.get(id, caller);
  }

  /** 撤回修改: back to draft to revise what the committee queried; the next submission is a new round. */
  async withdraw(id: number, caller: Principal): Promise<DisclosureView> {
    const d = await this.find(id);
    if (!d || !caller.mayInCommunity('disclosures.write', d.communityId)) throw notFound('disclosure');
    if (d.state === 'published' || d.state === 'superseded') throw published();
    if (d.state !== 'in_review') throw conflict('ILLEGAL_TRANSITION', `当前为“${DISCLOSURE_STATE_LABELS[d.state]}”，无需撤回`);
    await this.db.getRepository(Disclosure).createQueryBuilder().update().set({ state: 'draft' }).where("id = :id AND state = 'in_review'", { id }).execute();
    return this.get(id, caller);
  }

  // ─── Review (业账社审) ────────────────────────────────────────────────────────────────────────────────────

  async review(id: number, dto: ReviewDto, caller: Principal): Promise<DisclosureView> {
    const d = await this.find(id);
    if (!d || !caller.mayInCommunity('disclosures.review', d.communityId)) throw notFound('disclosure');
    if (d.state === 'published' || d.state === 'superseded') throw published();
    if (d.state !== 'in_review') throw conflict('ILLEGAL_TRANSITION', '该公示尚未提交审核');
    if (dto.lineId !== undefined && !(await this.db.getRepository(DisclosureLine).existsBy({ id: dto.lineId, disclosureId: id }))) {
      throw invalid('该行不属于这份公示', { field: 'lineId' });
    }
    const comment = dto.comment?.trim() || null;
    if (dto.decision === 'query' && !comment) throw invalid('请写明质疑的内容', { field: 'comment' });
    if (comment) await this.contentSecurity.checkText(caller.userId, comment, 2);
    await this.db.transaction(async (m) => {
      await m.getRepository(DisclosureReview).insert({ disclosureId: id, lineId: dto.lineId ?? null, round: d.reviewRound, reviewerId: caller.userId, decision: dto.decision, comment, answer: null, answeredById: null, answeredAt: null });
      if (dto.decision === 'query') {
        const managers = await managersOf(m, d.communityId);
        await this.notifications.notify(managers, { kind: 'disclosure_query', title: '业委会对公示有疑问', body: `${d.title}：${comment}` }, m);
      }
    });
    return this.get(id, caller);
  }

  async answerReview(reviewId: number, dto: AnswerDto, caller: Principal): Promise<DisclosureView> {
    const review = await this.db.getRepository(DisclosureReview).findOneBy({ id: reviewId });
    const d = review ? await this.find(review.disclosureId) : null;
    if (!review || !d || !caller.mayInCommunity('disclosures.write', d.communityId)) throw notFound('disclosure');
    if (d.state === 'published' || d.state === 'superseded') throw published();
    if (review.decision !== 'query') throw conflict('ILLEGAL_TRANSITION', '只有质疑需要回复');
    await this.contentSecurity.checkText(caller.userId, dto.answer, 2);
    const result = await this.db.getRepository(DisclosureReview).update({ id: reviewId, answeredAt: IsNull() }, { answer: dto.answer.trim(), answeredById: caller.userId, answeredAt: new Date() });
    if (!result.affected) throw conflict('ALREADY_ANSWERED', '该质疑已回复');
    return this.get(d.id, caller);
  }

  /** 主任签发 → 公示: hashed, chained to the community's previous publication, shares computed for shared costs. */
  async signOff(id: number, caller: Principal): Promise<DisclosureView> {
    const d = await this.find(id);
    if (!d || !caller.mayInCommunity('disclosures.signoff', d.communityId)) throw notFound('disclosure');
    if (d.state === 'published' || d.state === 'superseded') throw published();
    if (d.state !== 'in_review') throw conflict('ILLEGAL_TRANSITION', '该公示尚未提交审核');
    const open = await this.db.getRepository(DisclosureReview).countBy({ disclosureId: id, round: d.reviewRound, decision: 'query', answeredAt: IsNull() });
    if (open) throw conflict('OPEN_QUERIES', `还有 ${open} 条质疑未回复，不能签发`);
    try {
      await this.db.transaction(async (m) => {
        const last = await m.getRepository(Disclosure).findOne({ where: { communityId: d.communityId, chainSeq: Not(IsNull()) }, order: { chainSeq: 'DESC' } });
        const lines = await m.getRepository(DisclosureLine).find({ where: { disclosureId: id }, order: { seq: 'ASC' } });
        const publishing: Disclosure = { ...d, state: 'published', publishedAt: new Date(), signedOffById: caller.userId, chainSeq: (last?.chainSeq ?? 0) + 1, prevHash: last?.hash ?? null };
        const hash = disclosureHash(publishing, lines, await this.attachmentShas(lines, m));
        const result = await m
          .getRepository(Disclosure)
          .createQueryBuilder()
          .update()
          .set({ state: 'published', publishedAt: publishing.publishedAt, signedOffById: caller.userId, chainSeq: publishing.chainSeq, prevHash: publishing.prevHash, hash })
          .where("id = :id AND state = 'in_review' AND review_round = :round", { id, round: d.reviewRound })
          .execute();
        if (!result.affected) throw conflict('STALE_VERSION', '该公示刚被修改过，请刷新');
        if (d.supersedesId) await m.getRepository(Disclosure).update({ id: d.supersedesId, state: 'published' }, { state: 'superseded' });
        if (d.type === 'shared_cost') await this.writeShares(m, d);
        await this.audit.record({ actorId: caller.userId, action: 'disclosure.publish', entityType: 'disclosure', entityId: id, communityId: d.communityId, after: { hash, chainSeq: publishing.chainSeq } }, m);
        const managers = await managersOf(m, d.communityId);
        await this.notifications.notify(managers, { kind: 'disclosure_published', title: '公示已签发', body: d.title }, m);
      });
    } catch (error) {
      // Two publications in one community at once: the chain position is unique; one of them tries again later.
      if ((error as { code?: string }).code === 'ALREADY_EXISTS' || /UNIQUE|Duplicate/i.test((error as Error).message)) {
        throw conflict('CHAIN_BUSY', '同时有其他公示在签发，请稍后重试');
      }
      throw error;
    }
    return this.get(id, caller);
  }

  /** The shares of a shared cost: largest remainder over the houses in scope, adding up to the total exactly. */
  async shareRows(d: Pick<Disclosure, 'communityId' | 'content' | 'totals'>): Promise<{ houseId: number; weight: number; shareFen: number }[]> {
    const content = d.content;
    const houses = await this.db.getRepository(House).find({ where: housesInScope(d.communityId, content), order: { id: 'ASC' } });
    let weighted: { houseId: number; weight: number }[];
    if (content.method === 'fixed') weighted = (content.fixedShares ?? []).map((s) => ({ houseId: s.houseId, weight: s.weight }));
    else weighted = houses.map((h) => ({ houseId: h.id, weight: content.method === 'household' ? 1 : h.floorAreaCenti }));
    if (!weighted.length) throw invalid('分摊范围内没有房屋', { field: 'content.buildingIds' }, 'DISCLOSURE_INVALID');
    const shares = allocateLargestRemainder(d.totals.totalFen, weighted.map((w) => w.weight));
    return weighted.map((w, i) => ({ ...w, shareFen: shares[i] }));
  }

  private async writeShares(m: EntityManager, d: Disclosure): Promise<void> {
    const rows = await this.shareRows(d);
    for (let i = 0; i < rows.length; i += 500) {
      await m.getRepository(DisclosureShare).insert(rows.slice(i, i + 500).map((r) => ({ disclosureId: d.id, houseId: r.houseId, shareFen: r.shareFen, weight: r.weight })));
    }
  }

  private async attachmentShas(lines: DisclosureLine[], m: EntityManager = this.db.manager): Promise<Map<number, string>> {
    const ids = [...new Set(lines.flatMap((l) => l.attachmentIds))];
    const uploads = ids.length ? await m.getRepository(Upload).findBy({ id: In(ids) }) : [];
    return new Map(uploads.map((u) => [u.id, u.sha256]));
  }

  /** 更正: a new draft version of a published disclosure, with the reason; publishing it supersedes the old. */
  async correct(id: number, dto: CorrectionDto, caller: Principal): Promise<DisclosureView> {
    const old = await this.find(id);
    if (!old || !caller.mayInCommunity('disclosures.write', old.communityId)) throw notFound('disclosure');
    if (old.state !== 'published') throw conflict('ILLEGAL_TRANSITION', old.state === 'superseded' ? '请更正最新的版本' : '只有已公示的内容需要更正；草稿可直接修改');
    if (await this.db.getRepository(Disclosure).existsBy({ supersedesId: id, state: In(['draft', 'in_review']) })) {
      throw conflict('CORRECTION_PENDING', '该公示已有一份更正在处理中');
    }
    const oldLines = await this.db.getRepository(DisclosureLine).find({ where: { disclosureId: id }, order: { seq: 'ASC' } });
    const lineInputs: DisclosureLineInput[] = dto.lines ?? oldLines.map((l) => ({ kind: l.kind, item: l.item, amountFen: l.amountFen ?? undefined, fields: l.fields, attachmentIds: l.attachmentIds }));
    const { content, lines } = await this.checked(old.type, old.communityId, dto.content ?? old.content, lineInputs, false);
    const newId = await this.db.transaction(async (m) => {
      const lineage = old.lineageId ?? old.id;
      const latest = await m.getRepository(Disclosure).findOne({ where: { lineageId: lineage }, order: { version: 'DESC' } });
      const d = await m.getRepository(Disclosure).save(
        m.getRepository(Disclosure).create({
          ...old,
          id: undefined,
          title: dto.title ?? old.title,
          period: dto.period ?? old.period,
          state: 'draft',
          lineageId: lineage,
          version: (latest?.version ?? old.version) + 1,
          supersedesId: old.id,
          correctionReason: dto.reason.trim(),
          content,
          totals: computeTotals(old.type, content, lines),
          reviewRound: 0,
          createdById: caller.userId,
          submittedAt: null,
          publishedAt: null,
          signedOffById: null,
          chainSeq: null,
          hash: null,
          prevHash: null,
          rowVersion: 1,
          createdAt: undefined,
          updatedAt: undefined,
        }),
      );
      await this.writeLines(m, d.id, lines, caller.userId, new Set(oldLines.flatMap((l) => l.attachmentIds)));
      await this.audit.record({ actorId: caller.userId, action: 'disclosure.correct', entityType: 'disclosure', entityId: d.id, communityId: old.communityId, after: { supersedes: old.id, reason: dto.reason } }, m);
      return d.id;
    });
    return this.get(newId, caller);
  }

  // ─── Reading ──────────────────────────────────────────────────────────────────────────────────────────────

  private find(id: number): Promise<Disclosure | null> {
    return this.db.getRepository(Disclosure).findOneBy({ id });
  }

  /** Drafts only exist for the property side and the committee; published versions for everyone in the estate. */
  private visible(d: Disclosure, caller: Principal): boolean {
    if (d.state === 'published' || d.state === 'superseded') return caller.mayInCommunity('disclosures.read', d.communityId);
    return caller.mayInCommunity('disclosures.internal', d.communityId);
  }

  private async editable(id: number, caller: Principal): Promise<Disclosure> {
    const d = await this.find(id);
    if (!d || !caller.mayInCommunity('disclosures.write', d.communityId)) throw notFound('disclosure');
    if (d.state === 'published' || d.state === 'superseded') throw published();
    if (d.state !== 'draft') throw conflict('ILLEGAL_TRANSITION', '审核中的公示不能修改，请先撤回');
    return d;
  }

  async get(id: number, caller: Principal): Promise<DisclosureView> {
    const d = await this.find(id);
    if (!d || !this.visible(d, caller)) throw notFound('disclosure');
    const internal = caller.mayInCommunity('disclosures.internal', d.communityId);
    const lines = await this.db.getRepository(DisclosureLine).find({ where: { disclosureId: id }, order: { seq: 'ASC' } });
    const attachmentIds = [...new Set(lines.flatMap((l) => l.attachmentIds))];
    const uploads = await this.uploads.findByIds(attachmentIds);
    const views = new Map<number, { id: number; url: string; thumbnailUrl: string | null; kind: 'image' | 'pdf' }>();
    for (const u of uploads) {
      const v = await this.uploads.photoView(u);
      views.set(u.id, { id: u.id, url: v.url, thumbnailUrl: v.thumbnailUrl || null, kind: u.kind });
    }
    const reviews = internal ? await this.db.getRepository(DisclosureReview).find({ where: { disclosureId: id }, order: { id: 'ASC' } }) : [];
    const questions = await this.db.getRepository(DisclosureQuestion).find({ where: { disclosureId: id }, order: { id: 'ASC' } });
    const people = await this.db.getRepository(User).findBy({ id: In(reviews.map((r) => r.reviewerId)) });
    const lineage = await this.db.getRepository(Disclosure).find({ where: { lineageId: d.lineageId ?? d.id }, order: { version: 'DESC' } });
    const withFund = d.type === 'maintenance_fund' ? await this.fundTotals(d.communityId) : null;
    const summary = (await this.summaries([d]))[0];
    const openQueries = reviews.some((r) => r.round === d.reviewRound && r.decision === 'query' && !r.answeredAt);
    return {
      ...summary,
      // The agreed share of each house is the committee's business; residents see the totals and their own share.
      content: internal ? d.content : { ...d.content, fixedShares: undefined },
      lines: lines.map((l) => ({
        id: l.id,
        seq: l.seq,
        kind: l.kind,
        item: l.item,
        amountFen: l.amountFen ?? undefined,
        fields: withFund && l.kind === 'withdrawal' ? { ...l.fields, votePassed: votePassed(l.fields, withFund.area, withFund.heads) } : l.fields,
        attachmentIds: l.attachmentIds,
        attachments: l.attachmentIds.map((a) => views.get(a)).filter((v): v is NonNullable<typeof v> => Boolean(v)),
      })),
      reviewRound: d.reviewRound,
      reviews: reviews.map((r): ReviewView => ({
        id: r.id,
        lineId: r.lineId,
        reviewer: people.find((p) => p.id === r.reviewerId)?.displayName ?? '',
        decision: r.decision,
        comment: r.comment,
        answer: r.answer,
        answeredAt: r.answeredAt?.toISOString() ?? null,
        round: r.round,
        createdAt: r.createdAt.toISOString(),
      })),
      questions: questions.map((q) => this.questionView(q)),
      versions: lineage
        .filter((v) => v.state === 'published' || v.state === 'superseded' || internal)
        .map((v) => ({ id: v.id, version: v.version, state: v.state, correctionReason: v.correctionReason, publishedAt: v.publishedAt?.toISOString() ?? null, hash: v.hash })),
      correctionReason: d.correctionReason,
      allocation: d.type === 'shared_cost' ? await this.allocation(d, internal) : null,
      myShares: d.type === 'shared_cost' ? await this.myShares(d, caller.userId) : [],
      can: {
        edit: d.state === 'draft' && caller.mayInCommunity('disclosures.write', d.communityId),
        submit: d.state === 'draft' && caller.mayInCommunity('disclosures.write', d.communityId),
        withdraw: d.state === 'in_review' && caller.mayInCommunity('disclosures.write', d.communityId),
        review: d.state === 'in_review' && caller.mayInCommunity('disclosures.review', d.communityId),
        signOff: d.state === 'in_review' && !openQueries && caller.mayInCommunity('disclosures.signoff', d.communityId),
        correct: d.state === 'published' && caller.mayInCommunity('disclosures.write', d.communityId),
        ask: d.state !== 'draft' && d.state !== 'in_review' && caller.mayInCommunity('disclosures.ask', d.communityId),
        answer: caller.mayInCommunity('disclosures.write', d.communityId),
      },
      rowVersion: d.rowVersion,

    };
  }

  private async fundTotals(communityId: number): Promise<{ area: number; heads: number }> {
    const [row] = await this.db.getRepository(House).createQueryBuilder('h').select('SUM(h.floorAreaCenti)', 'area').addSelect('COUNT(*)', 'heads').where('h.communityId = :communityId', { communityId }).getRawMany();
    return { area: Number(row?.area ?? 0), heads: Number(row?.heads ?? 0) };
  }

  /**
   * How a shared cost is shared: the method, the buildings, how many houses and their weights in all. Published: as
   * it was shared then (the stored shares); a draft: as it would be shared now. The agreed shares house by house
   * only for `internal` callers.
   */
  private async allocation(d: Disclosure, internal: boolean): Promise<AllocationSummary> {
    const method = d.content.method ?? 'area';
    const buildingIds = method !== 'fixed' && d.content.buildingIds?.length ? d.content.buildingIds : null;
    const buildings = buildingIds ? (await this.db.getRepository(Building).find({ where: { id: In(buildingIds) }, order: { id: 'ASC' } })).map((b) => b.name) : null;
    let houses: number;
    let weightTotal: number;
    if (d.state === 'published' || d.state === 'superseded') {
      const [row] = await this.db.getRepository(DisclosureShare).createQueryBuilder('s').select('COUNT(*)', 'houses').addSelect('SUM(s.weight)', 'weight').where('s.disclosureId = :id', { id: d.id }).getRawMany();
      houses = Number(row?.houses ?? 0);
      weightTotal = Number(row?.weight ?? 0);
    } else if (method === 'fixed') {
      const shares = d.content.fixedShares ?? [];
      houses = shares.length;
      weightTotal = shares.reduce((a, s) => a + s.weight, 0);
    } else {
      const where = housesInScope(d.communityId, d.content);
      houses = await this.db.getRepository(House).countBy(where);
      weightTotal = method === 'household' ? houses : Number((await this.db.getRepository(House).sum('floorAreaCenti', where)) ?? 0);
    }
    const summary: AllocationSummary = { method, buildings, houses, weightTotal };
    if (internal && method === 'fixed') {
      const given = d.content.fixedShares ?? [];
      const labels = await this.houseLabels(given.map((s) => s.houseId));
      summary.agreed = given.map((s) => ({ houseId: s.houseId, buildingId: labels.get(s.houseId)?.buildingId ?? 0, house: labels.get(s.houseId)?.label ?? String(s.houseId), weight: s.weight }));
    }
    return summary;
  }

  /** "3栋1单元1201" and the building of each house id. */
  private async houseLabels(ids: number[]): Promise<Map<number, { label: string; buildingId: number }>> {
    const houses = await this.db.getRepository(House).findBy({ id: In(ids.concat(0)) });
    const names = new Map((await this.db.getRepository(Building).findBy({ id: In(houses.map((h) => h.buildingId).concat(0)) })).map((b) => [b.id, b.name]));
    return new Map(houses.map((h) => [h.id, { label: houseLabel(names.get(h.buildingId) ?? '', h.unit, h.number), buildingId: h.buildingId }]));
  }

  /** The caller's own houses in a shared cost, with their share. Nobody else's. */
  private async myShares(d: Disclosure, userId: number): Promise<DisclosureView['myShares']> {
    const bindings = await this.db.getRepository(HouseBinding).findBy({ userId, communityId: d.communityId, state: 'approved' });
    if (!bindings.length) return [];
    const houseIds = bindings.map((b) => b.houseId);
    let shares: { houseId: number; shareFen: number; weight: number }[];
    if (d.state === 'published' || d.state === 'superseded') {
      shares = await this.db.getRepository(DisclosureShare).findBy({ disclosureId: d.id, houseId: In(houseIds) });
    } else {
      shares = (await this.shareRows(d).catch(() => [])).filter((s) => houseIds.includes(s.houseId));
    }
    const labels = await this.houseLabels(shares.map((s) => s.houseId));
    const method = d.content.method ?? 'area';
    return shares.map((s) => ({ houseId: s.houseId, house: labels.get(s.houseId)?.label ?? '', shareFen: s.shareFen, basis: shareBasis(method, s.weight) }));
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
      boardUntil: d.publishedAt ? new Date(d.publishedAt.getTime() + 30 * 86400_000).toISOString() : null,
      hash: d.hash,
      openQuestions: Number(open.find((o) => Number(o.id) === d.id)?.n ?? 0),
    }));
  }

  // ─── Questions (质询) ──────────────────────────────────────────────────────────────────────────────────────

  async ask(id: number, dto: QuestionDto, caller: Principal): Promise<DisclosureView> {
    const d = await this.find(id);
    if (!d || !this.visible(d, caller) || !caller.mayInCommunity('disclosures.ask', d.communityId)) throw notFound('disclosure');
    if (d.state !== 'published' && d.state !== 'superseded') throw conflict('ILLEGAL_TRANSITION', '公示发布后才能提出质询');
    if (dto.lineId !== undefined && !(await this.db.getRepository(DisclosureLine).existsBy({ id: dto.lineId, disclosureId: id }))) throw invalid('该行不属于这份公示', { field: 'lineId' });
    await this.contentSecurity.checkText(caller.userId, dto.text, 2);
    const community = await this.db.getRepository(Community).findOneByOrFail({ id: d.communityId });
    await this.db.transaction(async (m) => {
      await m.getRepository(DisclosureQuestion).insert({
        disclosureId: id,
        communityId: d.communityId,
        lineId: dto.lineId ?? null,
        askerId: caller.userId,
        askerMask: await neighbourMask(m, caller.userId, d.communityId),
        text: dto.text.trim(),
        answer: null,
        answeredById: null,
        answeredAt: null,
        dueAt: new Date(Date.now() + community.questionAnswerDays * 86400_000),
        overdueNotifiedAt: null,
      });
      const managers = await managersOf(m, d.communityId);
      await this.notifications.notify(managers, { kind: 'disclosure_question', title: '业主对公示提出质询', body: `${d.title}：${dto.text.slice(0, 80)}（${community.questionAnswerDays} 天内回复）` }, m);
    });
    return this.get(id, caller);
  }

  async answerQuestion(questionId: number, dto: AnswerDto, caller: Principal): Promise<QuestionView> {
    const q = await this.db.getRepository(DisclosureQuestion).findOneBy({ id: questionId });
    if (!q || !caller.mayInCommunity('disclosures.write', q.communityId)) throw notFound('question');
    await this.contentSecurity.checkText(caller.userId, dto.answer, 2);
    await this.db.transaction(async (m) => {
      const result = await m.getRepository(DisclosureQuestion).update({ id: questionId, answeredAt: IsNull() }, { answer: dto.answer.trim(), answeredById: caller.userId, answeredAt: new Date() });
      if (!result.affected) throw conflict('ALREADY_ANSWERED', '该质询已回复');
      await this.notifications.notify([q.askerId], { kind: 'question_answered', title: '您的质询已回复', body: dto.answer.slice(0, 100) }, m);
    });
    return this.questionView(await this.db.getRepository(DisclosureQuestion).findOneByOrFail({ id: questionId }));
  }

  /** The questions of an estate (unanswered, or past their deadline) for the manager, the committee and the office. */
  async questions(communityId: number, query: QuestionsQuery, caller: Principal): Promise<Page<QuestionView & { disclosureId: number; disclosureTitle: string }>> {
    if (!caller.mayInCommunity('disclosures.oversee', communityId)) throw notFound('community');
    const qb = this.db.getRepository(DisclosureQuestion).createQueryBuilder('q').where('q.communityId = :communityId', { communityId });
    if (query.filter === 'unanswered' || query.filter === 'overdue') qb.andWhere('q.answeredAt IS NULL');
    if (query.filter === 'overdue') qb.andWhere('q.dueAt < :now', { now: new Date() });
    const page = await keysetPage(qb, { columns: [{ expr: 'q.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (q) => [q.id] });
    const disclosures = await this.db.getRepository(Disclosure).findBy({ id: In([...new Set(page.items.map((q) => q.disclosureId)), 0]) });
    return {
      items: page.items.map((q) => ({ ...this.questionView(q), disclosureId: q.disclosureId, disclosureTitle: disclosures.find((d) => d.id === q.disclosureId)?.title ?? '' })),
      nextCursor: page.nextCursor,
    };
  }

  questionView(q: DisclosureQuestion): QuestionView {
    return {
      id: q.id,
      lineId: q.lineId,
      asker: q.askerMask,
      text: q.text,
      answer: q.answer,
      answeredAt: q.answeredAt?.toISOString() ?? null,
      dueAt: q.dueAt.toISOString(),
      overdue: !q.answeredAt && q.dueAt.getTime() < Date.now(),
      createdAt: q.createdAt.toISOString(),
    };
  }

  /** Job: questions unanswered past their deadline are put before the committee and the community office, once. */
  async flagOverdueQuestions(now = new Date()): Promise<number> {
    const due = await this.db.getRepository(DisclosureQuestion).find({ where: { answeredAt: IsNull(), overdueNotifiedAt: IsNull(), dueAt: LessThan(now) }, take: 500 });
    let flagged = 0;
    for (const q of due) {
      await this.db.transaction(async (m) => {
        const claimed = await m.getRepository(DisclosureQuestion).update({ id: q.id, overdueNotifiedAt: IsNull() }, { overdueNotifiedAt: now });
        if (!claimed.affected) return;
        flagged++;
        const community = await m.getRepository(Community).findOneByOrFail({ id: q.communityId });
        const people = await m
          .getRepository(RoleAssignment)
          .createQueryBuilder('ra')
          .where('ra.revokedAt IS NULL')
          .andWhere("((ra.role IN ('committee', 'committee_chair') AND ra.communityId = :c) OR (ra.role = 'community_office' AND ra.areaId = :office))", { c: q.communityId, office: community.areaId })
          .getMany();
        await this.notifications.notify(people.map((p) => p.userId), { kind: 'question_overdue', title: `质询逾期未答：${community.name}`, body: q.text.slice(0, 100) }, m);
      });
    }
    return flagged;
  }

  async setQuestionDays(communityId: number, days: number, caller: Principal): Promise<{ questionAnswerDays: number }> {
    if (!caller.mayInCommunity('disclosures.settings', communityId)) throw notFound('community');
    const result = await this.db.getRepository(Community).update(communityId, { questionAnswerDays: days });
    if (!result.affected) throw notFound('community');
    await this.audit.record({ actorId: caller.userId, action: 'disclosure.settings', entityType: 'community', entityId: communityId, communityId, after: { questionAnswerDays: days } });
    return { questionAnswerDays: days };
  }

  /** Raw material for exports and the chain check. */
  async loadForExport(id: number, caller: Principal) {
    const view = await this.get(id, caller);
    const community = await this.db.getRepository(Community).findOneByOrFail({ id: view.communityId });
    const internal = caller.mayInCommunity('disclosures.internal', view.communityId);
    const shares = view.type === 'shared_cost' && internal && (view.state === 'published' || view.state === 'superseded') ? await this.shareTable(view.id) : [];
    return { view, community, shares };
  }

  private async shareTable(disclosureId: number) {
    const shares = await this.db.getRepository(DisclosureShare).find({ where: { disclosureId }, order: { houseId: 'ASC' } });
    const labels = await this.houseLabels(shares.map((s) => s.houseId));
    return shares.map((s) => ({ house: labels.get(s.houseId)?.label ?? String(s.houseId), weight: s.weight, shareFen: s.shareFen }));
  }
}
