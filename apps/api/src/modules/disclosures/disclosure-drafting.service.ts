import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { DISCLOSURE_TYPE_LABELS, canonicalJson, computeTotals, periodLabel, type DisclosureContent, type DisclosureLineInput, type DisclosureView } from '@wuye/contracts';
import { conflict, invalid, notFound } from '../../common/errors';
import { AuditService } from '../identity/audit.service';
import { committeeOf } from '../identity/people';
import type { Principal } from '../identity/principal';
import { NotificationsService } from '../notifications/notifications.service';
import { Community } from '../org/community.entity';
import { UploadsService } from '../uploads/uploads.service';
import { DisclosureLine } from './disclosure-line.entity';
import { DisclosureReview } from './disclosure-review.entity';
import { checkContent, checkLines, checkPeriod, type LineProblem, type NormalisedLine } from './disclosure-rules';
import { DisclosureSharesService } from './disclosure-shares.service';
import { DisclosureViewsService } from './disclosure-views.service';
import { Disclosure } from './disclosure.entity';
import { CorrectionDto, CreateDisclosureDto, UpdateDisclosureDto } from './dto/disclosure.dto';

const refused = (problems: LineProblem[]) => {
  const first = problems[0];
  const where = first.line ? `第 ${first.line} 行` : '';
  return invalid(`公示内容有误：${where}${first.problem}`, { problems }, 'DISCLOSURE_INVALID');
};
const stale = (what = '请刷新后再编辑') => conflict('STALE_VERSION', `该公示刚被修改过，${what}`);
const inputOf = (l: DisclosureLine): DisclosureLineInput => ({ kind: l.kind, item: l.item, amountFen: l.amountFen ?? undefined, fields: l.fields, attachmentIds: l.attachmentIds });

/**
 * The manager's side of 公示: drafting, submitting to the committee, taking it back to revise, and correcting a
 * published version with a new one. Every step is loaded through the lifecycle table (DisclosureViewsService.loadFor).
 */
/** A new draft, created or corrected by the caller: not yet reviewed, signed or on the chain. */
const unreviewed = (caller: Principal) =>
  ({ state: 'draft', reviewRound: 0, createdById: caller.userId, submittedAt: null, publishedAt: null, signedOffById: null, chainSeq: null, hash: null, prevHash: null }) as const;

@Injectable()
export class DisclosureDraftingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly views: DisclosureViewsService,
    private readonly shares: DisclosureSharesService,
    private readonly uploads: UploadsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

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
          lineageId: null,
          version: 1,
          supersedesId: null,
          correctionReason: null,
          content,
          totals: computeTotals(dto.type, content, lines),
          ...unreviewed(caller),
        }),
      );
      await m.getRepository(Disclosure).update(d.id, { lineageId: d.id });
      await this.writeLines(m, d.id, lines, caller.userId, new Set(), [], { round: 0, changed: [] });
      await this.audit.record({ by: caller, action: 'disclosure.create', entityType: 'disclosure', entityId: d.id, communityId: community.id, after: { type: dto.type, period: dto.period } }, m);
      return d.id;
    });
    return this.views.get(id, caller);
  }

  async update(id: number, dto: UpdateDisclosureDto, caller: Principal): Promise<DisclosureView> {
    const d = await this.views.loadFor('edit', id, caller);
    if (dto.rowVersion !== undefined && dto.rowVersion !== d.rowVersion) throw stale();
    if (dto.period !== undefined) {
      const problem = checkPeriod(d.type, dto.period);
      if (problem) throw invalid(problem, { field: 'period' }, 'DISCLOSURE_INVALID');
    }
    const existingLines = await this.linesOf(id);
    const lineIds = (dto.lines ?? []).map((l) => l.id).filter((lineId): lineId is number => lineId !== undefined);
    if (lineIds.some((lineId) => !existingLines.some((l) => l.id === lineId)) || new Set(lineIds).size !== lineIds.length) {
      throw invalid('明细行与这份公示不符，请刷新后再编辑', { field: 'lines' }, 'DISCLOSURE_INVALID');
    }
    const { content, lines } = await this.checked(d.type, d.communityId, dto.content ?? d.content, dto.lines ?? existingLines.map(inputOf), false);
    await this.db.transaction(async (m) => {
      const result = await m
        .getRepository(Disclosure)
        .createQueryBuilder()
        .update()
        .set({ title: dto.title ?? d.title, period: dto.period ?? d.period, content, totals: computeTotals(d.type, content, lines) })
        .where("id = :id AND row_version = :v AND state = 'draft'", { id, v: d.rowVersion })
        .execute();
      if (!result.affected) throw stale();
      // Lines change only when sent. A sent line with its id is edited in place, so the committee's queries on it
      // stay attached; existing lines not sent are removed; lines without an id are new.
      if (dto.lines) {
        const kept = new Set(existingLines.flatMap((l) => l.attachmentIds));
        const sentIds = dto.lines.map((l) => l.id);
        const removed = existingLines.filter((l) => !sentIds.includes(l.id)).map((l) => l.id);
        if (removed.length) await m.getRepository(DisclosureLine).delete(removed);
        // A line changed (or removed) closes the committee's open queries on it: they were about the old line, and
        // approvals of it no longer count (changedRound). An unchanged line keeps both.
        const changed = lines
          .map((l, i) => ({ l, old: existingLines.find((e) => e.id === sentIds[i]) }))
          .filter(({ l, old }) => old && canonicalJson(inputOf(old)) !== canonicalJson({ ...l, amountFen: l.amountFen ?? undefined }))
          .map(({ old }) => (old as DisclosureLine).id);
        await this.closeQueriesOn(m, [...changed, ...removed], caller.userId, removed);
        await this.writeLines(m, id, lines, caller.userId, kept, sentIds, { round: d.reviewRound, changed });
      }
    });
    return this.views.get(id, caller);
  }

  /** 提交业委会审核: a new review round begins. */
  async submit(id: number, caller: Principal): Promise<DisclosureView> {
    const d = await this.views.loadFor('submit', id, caller);
    await this.checked(d.type, d.communityId, d.content, (await this.linesOf(id)).map(inputOf), true);
    await this.db.transaction(async (m) => {
      const result = await m
        .getRepository(Disclosure)
        .createQueryBuilder()
        .update()
        .set({ state: 'in_review', reviewRound: d.reviewRound + 1, submittedAt: new Date() })
        .where("id = :id AND state = 'draft' AND row_version = :v", { id, v: d.rowVersion })
        .execute();
      if (!result.affected) throw stale('请刷新后再提交');
      await this.notifications.notify(await committeeOf(m, d.communityId), { kind: 'disclosure_review', title: '有公示待审核', body: `${DISCLOSURE_TYPE_LABELS[d.type]}（${periodLabel(d.period)}）：${d.title}`, disclosureId: d.id }, m);
    });
    this.notifications.kick();
    return this.views.get(id, caller);
  }

  /** 撤回修改: back to draft to revise what the committee queried; the next submission is a new round. */
  async withdraw(id: number, caller: Principal): Promise<DisclosureView> {
    await this.views.loadFor('withdraw', id, caller);
    await this.db.getRepository(Disclosure).createQueryBuilder().update().set({ state: 'draft' }).where("id = :id AND state = 'in_review'", { id }).execute();
    return this.views.get(id, caller);
  }

  /** 更正: a new draft version of a published disclosure, with the reason; publishing it supersedes the old. */
  async correct(id: number, dto: CorrectionDto, caller: Principal): Promise<DisclosureView> {
    const old = await this.views.loadFor('correct', id, caller);
    if (await this.db.getRepository(Disclosure).existsBy({ supersedesId: id, state: In(['draft', 'in_review']) })) {
      throw conflict('CORRECTION_PENDING', '该公示已有一份更正在处理中');
    }
    const oldLines = await this.linesOf(id);
    const { content, lines } = await this.checked(old.type, old.communityId, dto.content ?? old.content, dto.lines ?? oldLines.map(inputOf), false);
    const newId = await this.db.transaction(async (m) => {
      const lineage = old.lineageId ?? old.id;
      const latest = await m.getRepository(Disclosure).findOne({ where: { lineageId: lineage }, order: { version: 'DESC' } });
      const d = await m.getRepository(Disclosure).save(
        m.getRepository(Disclosure).create({
          ...old,
          id: undefined,
          title: dto.title ?? old.title,
          period: dto.period ?? old.period,
          lineageId: lineage,
          version: (latest?.version ?? old.version) + 1,
          supersedesId: old.id,
          correctionReason: dto.reason.trim(),
          content,
          totals: computeTotals(old.type, content, lines),
          ...unreviewed(caller),
          rowVersion: 1,
          createdAt: undefined,
          updatedAt: undefined,
        }),
      );
      await this.writeLines(m, d.id, lines, caller.userId, new Set(oldLines.flatMap((l) => l.attachmentIds)), [], { round: 0, changed: [] });
      await this.audit.record({ by: caller, action: 'disclosure.correct', entityType: 'disclosure', entityId: d.id, communityId: old.communityId, after: { supersedes: old.id, reason: dto.reason } }, m);
      return d.id;
    });
    return this.views.get(newId, caller);
  }

  private linesOf(disclosureId: number): Promise<DisclosureLine[]> {
    return this.db.getRepository(DisclosureLine).find({ where: { disclosureId }, order: { seq: 'ASC' } });
  }

  /**
   * Lines in order (`ids[i]`: line i is that existing line, updated in place; otherwise inserted). Vouchers the
   * caller just uploaded are claimed, ones the disclosure already had are kept.
   */
  private async writeLines(
    m: EntityManager,
    disclosureId: number,
    lines: NormalisedLine[],
    userId: number,
    kept: Set<number>,
    ids: (number | undefined)[],
    revision: { round: number; changed: number[] },
  ): Promise<void> {
    const fresh = [...new Set(lines.flatMap((l) => l.attachmentIds).filter((a) => !kept.has(a)))];
    await this.uploads.claim(fresh, userId, m, ['image', 'pdf']);
    const rows = lines.map((l, i) => ({
      disclosureId,
      seq: i + 1,
      kind: l.kind,
      item: l.item,
      amountFen: l.amountFen,
      fields: l.fields,
      attachmentIds: l.attachmentIds,
      // New lines and changed lines are from this round on; an unchanged line keeps the round it was last changed in.
      ...(ids[i] === undefined || revision.changed.includes(ids[i] as number) ? { changedRound: revision.round } : {}),
    }));
    for (const [i, row] of rows.entries()) if (ids[i] !== undefined) await m.getRepository(DisclosureLine).update({ id: ids[i], disclosureId }, row);
    const added = rows.filter((_, i) => ids[i] === undefined);
    if (added.length) await m.getRepository(DisclosureLine).insert(added);
  }

  /** Open queries on lines that changed or went: answered by the change itself, in the manager's name. */
  private async closeQueriesOn(m: EntityManager, lineIds: number[], userId: number, removed: number[]): Promise<void> {
    for (const lineId of lineIds) {
      const answer = removed.includes(lineId) ? '（物业已删除此项）' : '（物业已修改此项，请重新审核）';
      await m.getRepository(DisclosureReview).update({ lineId, decision: 'query', answeredAt: IsNull() }, { answer, answeredById: userId, answeredAt: new Date() });
    }
  }

  /** Content and lines checked for the type (and, for a shared cost, against the estate's houses). */
  private async checked(type: Disclosure['type'], communityId: number, rawContent: DisclosureContent, rawLines: DisclosureLineInput[], forSubmission: boolean) {
    const c = checkContent(type, rawContent);
    const l = checkLines(type, rawLines, forSubmission);
    const problems = [...c.problems, ...l.problems];
    if (type === 'shared_cost' && !problems.length) problems.push(...(await this.shares.allocationProblems(communityId, c.content, forSubmission)));
    if (type === 'maintenance_fund' && !problems.length) problems.push(...(await this.shares.voteProblems(communityId, l.lines)));
    if (problems.length) throw refused(problems);
    return { content: c.content, lines: l.lines };
  }
}
