import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThanOrEqual } from 'typeorm';
import {
  DEFAULT_VOTE_OPTIONS,
  PAPER_BALLOT_STEPS,
  VOTE_MATTER_LABELS,
  VOTE_TRANSITIONS,
  ballotCounts,
  paperCountText,
  shanghaiDate,
  shanghaiDateTime,
  tallyAtClose,
  tallyVote,
  voteOptionsProblem,
  type BallotView,
  type PaperBallotStepInput,
  type Page,
  type VoteActor,
  type VoteStep,
  type VoteSummary,
  type VoteTurnout,
  type VoteView,
} from '@wuye/contracts';
import { DomainError, conflict, invalid, notFound } from '../../common/errors';
import { isUniqueViolation } from '../../common/error.filter';
import { keysetPage } from '../../common/pagination';
import { ChainService } from '../disclosures/chain.service';
import { Disclosure } from '../disclosures/disclosure.entity';
import { HouseBinding } from '../identity/house-binding.entity';
import { officersOf, residentsOf } from '../identity/people';
import type { Principal } from '../identity/principal';
import { applyScope, communityScope, eitherScope } from '../identity/scope';
import { Community } from '../org/community.entity';
import { House } from '../org/house.entity';
import { houseLabels } from '../org/houses.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UploadsService } from '../uploads/uploads.service';
import { Ballot } from './ballot.entity';
import type { CastBallotDto, CreateVoteDto, UpdateVoteDto, VotesQuery, VoteStepDto } from './dto/vote.dto';
import { paperBallotRefusal, planPaperBallotStep, planVoteStep, voteRefusal, type PaperBallotContext, type PaperBallotPlan, type VotePlan } from './vote-lifecycle';
import { voterRows } from './voter-list';
import { VoteVoter } from './vote-voter.entity';
import { Vote } from './vote.entity';

const INTERNAL_STATES = ['draft', 'pending', 'withdrawn'] as const;

/**
 * 业主共同决定 (民法典 278): drafting, approval, the frozen voter list, one ballot per house, the result frozen at
 * close and published in the estate's disclosure chain. `apply` is the only code that changes a vote's state.
 */
@Injectable()
export class VotesService {
  private readonly logger = new Logger('Votes');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uploads: UploadsService,
    private readonly chain: ChainService,
    private readonly notifications: NotificationsService,
  ) {}

  // ─── Who the caller is to a vote ────────────────────────────────────────────────────────────────────────────

  private actors(vote: Pick<Vote, 'communityId'>, caller: Principal): VoteActor[] {
    const out: VoteActor[] = [];
    if (caller.mayInCommunity('votes.draft', vote.communityId)) out.push('chair');
    if (caller.mayInCommunity('votes.approve', vote.communityId)) out.push('office');
    return out;
  }

  /** The committee and the office see drafts and every ballot; everyone else the open and closed votes only. */
  private internal(vote: Pick<Vote, 'communityId'>, caller: Principal): boolean {
    return caller.mayInCommunity('votes.paper', vote.communityId) || caller.mayInCommunity('votes.approve', vote.communityId);
  }

  private async load(id: number, caller: Principal, m: EntityManager = this.db.manager): Promise<Vote> {
    const vote = await m.getRepository(Vote).findOneBy({ id });
    if (!vote) throw notFound('vote');
    // An owner on the frozen voter list keeps their vote for the house even if it changed hands since opening.
    if (!caller.mayInCommunity('votes.read', vote.communityId) && !(await this.onList(vote.id, caller.userId, m)).length) throw notFound('vote');
    if ((INTERNAL_STATES as readonly string[]).includes(vote.state) && !this.internal(vote, caller)) throw notFound('vote');
    return vote;
  }

  /** The houses on a vote's frozen list the caller may cast the ballot of. */
  private async onList(voteId: number, userId: number, m: EntityManager = this.db.manager): Promise<VoteVoter[]> {
    return (await m.getRepository(VoteVoter).findBy({ voteId })).filter((v) => v.ownerIds.includes(userId));
  }

  // ─── Drafting ───────────────────────────────────────────────────────────────────────────────────────────────

  private checkFields(fields: { options?: string[]; endsAt?: string }): { options?: string[]; endsAt?: Date } {
    const out: { options?: string[]; endsAt?: Date } = {};
    if (fields.options) {
      const problem = voteOptionsProblem(fields.options);
      if (problem) throw invalid(problem, { field: 'options' });
      out.options = fields.options.map((o) => o.trim());
    }
    if (fields.endsAt !== undefined) {
      const endsAt = new Date(fields.endsAt);
      if (endsAt.getTime() <= Date.now()) throw invalid('投票截止时间须晚于现在', { field: 'endsAt' });
      out.endsAt = endsAt;
    }
    return out;
  }

  async create(dto: CreateVoteDto, caller: Principal): Promise<VoteView> {
    if (!caller.mayInCommunity('votes.draft', dto.communityId)) throw notFound('community');
    const community = await this.db.getRepository(Community).findOneBy({ id: dto.communityId });
    if (!community) throw notFound('community');
    const { options, endsAt } = this.checkFields(dto);
    const vote = await this.db.transaction(async (m) => {
      await this.uploads.claim(dto.documentIds ?? [], caller.userId, m, ['image', 'pdf']);
      return m.getRepository(Vote).save(
        m.getRepository(Vote).create({
          communityId: community.id,
          areaPath: community.areaPath,
          matter: dto.matter,
          title: dto.title,
          text: dto.text,
          options: options ?? [...DEFAULT_VOTE_OPTIONS],
          documentIds: dto.documentIds ?? [],
          endsAt: endsAt as Date,
          state: 'draft',
          note: null,
          createdById: caller.userId,
          approvedById: null,
          openedAt: null,
          closedAt: null,
          result: null,
          disclosureId: null,
        }),
      );
    });
    return this.view(vote, caller);
  }

  /** A draft (or one sent back) changed by its chair. */
  async update(id: number, dto: UpdateVoteDto, caller: Principal): Promise<VoteView> {
    const vote = await this.load(id, caller);
    if (!this.actors(vote, caller).includes('chair')) throw new DomainError(403, 'ACTION_NOT_ALLOWED', '只有本小区的业委会主任可以修改表决');
    if (vote.state !== 'draft') throw conflict('ILLEGAL_TRANSITION', '提交审批后不能再修改', { state: vote.state });
    const { options, endsAt } = this.checkFields(dto);
    await this.db.transaction(async (m) => {
      const added = (dto.documentIds ?? []).filter((d) => !vote.documentIds.includes(d));
      await this.uploads.claim(added, caller.userId, m, ['image', 'pdf']);
      const result = await m
        .getRepository(Vote)
        .createQueryBuilder()
        .update()
        .set({
          matter: dto.matter ?? vote.matter,
          title: dto.title ?? vote.title,
          text: dto.text ?? vote.text,
          options: options ?? vote.options,
          documentIds: dto.documentIds ?? vote.documentIds,
          endsAt: endsAt ?? vote.endsAt,
          version: () => 'version + 1',
        })
        .where("id = :id AND state = 'draft' AND version = :version", { id, version: vote.version })
        .execute();
      if (!result.affected) throw conflict('STALE_VERSION', '该表决刚被修改过，请刷新');
    });
    return this.get(id, caller);
  }

  // ─── The lifecycle ──────────────────────────────────────────────────────────────────────────────────────────

  /** The one writer of a vote's state: the planned changes, guarded by state and version, with what goes along. */
  private async apply(vote: Vote, plan: VotePlan, alongside?: (m: EntityManager) => Promise<void>, m?: EntityManager): Promise<void> {
    const run = async (tx: EntityManager) => {
      const result = await tx
        .getRepository(Vote)
        .createQueryBuilder()
        .update()
        .set({ ...plan.changes, version: () => 'version + 1' })
        .where('id = :id AND state = :state AND version = :version', { id: vote.id, state: plan.guard.state, version: plan.guard.version })
        .execute();
      if (!result.affected) throw conflict('STALE_VERSION', '该表决刚被他人处理过，请刷新后再操作', { state: vote.state });
      if (alongside) await alongside(tx);
    };
    await (m ? run(m) : this.db.transaction(run));
  }

  async step(id: number, dto: VoteStepDto, caller: Principal): Promise<VoteView> {
    const vote = await this.load(id, caller);
    const now = new Date();
    const plan = planVoteStep(vote, dto.step, { now, actorId: caller.userId, actors: this.actors(vote, caller) }, dto.note);
    // 开始投票: the voter list and the floor areas freeze in the same transaction that opens the vote, and the
    // estate's residents hear of it once (the guarded step opens a vote only once).
    await this.apply(vote, plan, dto.step === 'approve' ? async (m) => (await this.freezeVoters(m, vote), await this.tellOpened(m, vote, now)) : undefined);
    if (dto.step === 'approve') this.notifications.kick();
    return this.get(id, caller);
  }

  /** Every resident with a verified binding: the matter is open for voting, until when; it opens the vote. */
  private async tellOpened(m: EntityManager, vote: Vote, now: Date): Promise<void> {
    const community = await m.getRepository(Community).findOneByOrFail({ id: vote.communityId });
    await this.notifications.notify(
      await residentsOf(m, vote.communityId),
      {
        kind: 'vote_open',
        title: `${community.name}业主共同决定开始投票`,
        body: `${VOTE_MATTER_LABELS[vote.matter]}：${vote.title}（${shanghaiDateTime(vote.endsAt)} 截止）`,
        voteId: vote.id,
        template: 'notice',
        fields: { thing1: vote.title.slice(0, 20), phrase2: '投票中', time3: shanghaiDateTime(now), thing4: `${shanghaiDateTime(vote.endsAt).slice(0, 10)}截止，点击投票` },
      },
      m,
    );
  }

  /** 开始投票: the list as the estate's houses and verified owners are now (voterRows). */
  private async freezeVoters(m: EntityManager, vote: Vote): Promise<void> {
    const houses = await m.getRepository(House).find({ where: { communityId: vote.communityId }, order: { id: 'ASC' } });
    if (!houses.length) throw invalid('该小区还没有房屋，无法开始投票', { field: 'communityId' });
    const bindings = await m.getRepository(HouseBinding).findBy({ communityId: vote.communityId, state: 'approved', relation: 'owner' });
    const rows = voterRows(vote.id, houses, bindings);
    for (let i = 0; i < rows.length; i += 500) await m.getRepository(VoteVoter).insert(rows.slice(i, i + 500));
  }

  /**
   * 结束投票: the tally over the frozen list, computed once, stored with the vote and published as the next link
   * of the estate's disclosure chain, all in one transaction. `caller` null: the scheduler (the window ended).
   */
  async close(id: number, caller: Principal | null): Promise<VoteView | null> {
    const vote = caller ? await this.load(id, caller) : await this.db.getRepository(Vote).findOneByOrFail({ id });
    const now = new Date();
    const actors: VoteActor[] = caller ? this.actors(vote, caller) : ['system'];
    const voters = await this.db.getRepository(VoteVoter).findBy({ voteId: id });
    const ballots = await this.db.getRepository(Ballot).findBy({ voteId: id });
    const counted = ballots.filter(ballotCounts);
    // Every house counted (a paper ballot awaiting the office is not yet): it may end before its window does.
    const allCast = counted.length >= voters.length;
    const plan = planVoteStep(vote, 'close', { now, actorId: caller?.userId ?? null, actors, allCast });
    // Paper ballots the office has not confirmed by the close are not counted, and the result says how many.
    const tally = tallyAtClose(vote.matter, vote.options, voters, ballots);
    const disclosure = await this.db.getRepository(Disclosure).save(
      this.db.getRepository(Disclosure).create({
        communityId: vote.communityId,
        areaPath: vote.areaPath,
        type: 'vote_result',
        period: shanghaiDate(now).slice(0, 7),
        title: `表决结果：${vote.title}`.slice(0, 100),
        state: 'in_review',
        lineageId: null,
        version: 1,
        supersedesId: null,
        correctionReason: null,
        content: { note: `${VOTE_MATTER_LABELS[vote.matter]}。${tally.passedOption === null ? '未通过' : `通过：${vote.options[tally.passedOption]}`}。${paperCountText(tally)}。` },
        totals: { totalFen: 0 },
        facts: null,
        reviewRound: 0,
        createdById: vote.createdById,
        submittedAt: now,
      }),
    );
    await this.db.getRepository(Disclosure).update({ id: disclosure.id }, { lineageId: disclosure.id });
    disclosure.lineageId = disclosure.id;
    try {
      // Signed off by whoever ended it; the scheduler's close is signed in the name of the chair who drafted it.
      await this.chain.publish(disclosure, caller?.userId ?? vote.createdById, {
        freeze: async () => ({
          vote: { voteId: vote.id, matter: vote.matter, title: vote.title, options: vote.options, openedAt: (vote.openedAt as Date).toISOString(), closedAt: now.toISOString(), tally },
        }),
        alongside: async (m) => {
          await this.apply(vote, plan, async (tx) => void (await tx.getRepository(Vote).update({ id: vote.id }, { result: tally, disclosureId: disclosure.id })), m);
        },
      });
    } catch (error) {
      await this.db.getRepository(Disclosure).delete({ id: disclosure.id, state: 'in_review' });
      throw error;
    }
    return caller ? this.get(id, caller) : null;
  }

  /** Job: votes whose window has ended are closed and their results published. */
  async closeEnded(now = new Date()): Promise<number> {
    const due = await this.db.getRepository(Vote).find({ where: { state: 'open', endsAt: LessThanOrEqual(now) }, order: { id: 'ASC' }, take: 50 });
    let closed = 0;
    for (const v of due) {
      try {
        await this.close(v.id, null);
        closed++;
      } catch (error) {
        this.logger.warn({ vote: v.id, err: (error as Error).message }, 'could not close an ended vote; the next round retries');
      }
    }
    return closed;
  }


  // ─── Ballots ────────────────────────────────────────────────────────────────────────────────────────────────

  /** One ballot per house on the frozen list: a verified owner's own, or a paper ballot the committee enters with its photo. */
  async cast(id: number, dto: CastBallotDto, caller: Principal): Promise<BallotView> {
    const vote = await this.load(id, caller);
    const paper = dto.paperPhotoId !== undefined;
    if (paper && !caller.mayInCommunity('votes.paper', vote.communityId)) throw new DomainError(403, 'ACTION_NOT_ALLOWED', '只有本小区的业委会可以录入纸质选票');
    if (vote.state !== 'open' || vote.endsAt.getTime() <= Date.now()) throw conflict('VOTE_NOT_OPEN', '该表决不在投票期内', { state: vote.state });
    if (dto.choice >= vote.options.length) throw invalid('请选择一个选项', { field: 'choice' });
    const voter = await this.db.getRepository(VoteVoter).findOneBy({ voteId: id, houseId: dto.houseId });
    if (!voter || (!paper && !voter.ownerIds.includes(caller.userId))) {
      throw new DomainError(403, 'NOT_ON_VOTER_LIST', paper ? '这户不在本次表决的投票名单上' : '这户不在本次表决的投票名单上，或您在投票开始时还不是这户登记的业主');
    }
    let ballot: Ballot;
    try {
      ballot = await this.db.transaction(async (m) => {
        if (await m.getRepository(Ballot).existsBy({ voteId: id, liveHouseId: dto.houseId })) throw conflict('BALLOT_ALREADY_CAST', '这户已经投过票了，每户只能投一票');
        if (paper) await this.uploads.claim([dto.paperPhotoId as number], caller.userId, m);
        const saved = await m.getRepository(Ballot).save(
          m.getRepository(Ballot).create({ voteId: id, houseId: dto.houseId, liveHouseId: dto.houseId, choice: dto.choice, castById: caller.userId, paper, photoId: dto.paperPhotoId ?? null, paperState: paper ? 'pending' : null, decidedById: null, decidedAt: null, note: null }),
        );
        // The office checks the paper against its photo: until then it does not count.
        if (paper) await this.notifications.notify(await officersOf(m, vote.communityId), { kind: 'vote_paper', title: '有纸质选票待确认', body: `${vote.title}：业委会录入了一张纸质选票，请核对照片后确认或退回`, voteId: vote.id }, m);
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('BALLOT_ALREADY_CAST', '这户已经投过票了，每户只能投一票');
      throw error;
    }
    if (paper) this.notifications.kick();
    return (await this.ballotViews(vote, [ballot], caller))[0];
  }

  // ─── Paper ballots: the office confirms or sends back ───────────────────────────────────────────────────────

  private paperContext(vote: Vote, caller: Principal, now = new Date()): PaperBallotContext {
    return { now, actorId: caller.userId, actors: this.actors(vote, caller), committee: caller.mayInCommunity('votes.paper', vote.communityId) };
  }

  /** 确认 (it counts from now on) or 退回 with a reason (the house may vote again), by the office over the estate. */
  async paperStep(id: number, ballotId: number, dto: PaperBallotStepInput, caller: Principal): Promise<BallotView> {
    const vote = await this.load(id, caller);
    const ballot = await this.db.getRepository(Ballot).findOneBy({ id: ballotId, voteId: id });
    if (!ballot) throw notFound('ballot');
    const plan = planPaperBallotStep(vote, ballot, dto.step, this.paperContext(vote, caller), dto.note);
    await this.applyPaper(vote, ballot, plan);
    return (await this.ballotViews(vote, [await this.db.getRepository(Ballot).findOneByOrFail({ id: ballotId })], caller))[0];
  }

  /** The one writer of a paper ballot's state: guarded by its state, and by the vote still being open. */
  private async applyPaper(vote: Vote, ballot: Ballot, plan: PaperBallotPlan): Promise<void> {
    await this.db.transaction(async (m) => {
      // The close reads the ballots in its own transaction; a vote closed meanwhile keeps its frozen result.
      if (!(await m.getRepository(Vote).existsBy({ id: vote.id, state: 'open' }))) throw conflict('VOTE_NOT_OPEN', '投票已经结束，结果已公布，纸质选票不能再确认或退回');
      const result = await m
        .getRepository(Ballot)
        .createQueryBuilder()
        .update()
        .set(plan.changes)
        .where('id = :id AND paper_state = :state', { id: ballot.id, state: plan.guard.paperState })
        .execute();
      if (!result.affected) throw conflict('STALE_VERSION', '这张纸质选票刚被他人处理过，请刷新后再操作');
    });
  }

  /** Individual ballots: all of them for the committee and the office; for a resident, only their own houses'. */
  async ballots(id: number, caller: Principal): Promise<BallotView[]> {
    const vote = await this.load(id, caller);
    let where: { voteId: number; houseId?: ReturnType<typeof In<number>> } = { voteId: id };
    if (!this.internal(vote, caller)) {
      const mine = (await this.onList(id, caller.userId)).map((v) => v.houseId);
      if (!mine.length) throw new DomainError(403, 'ACTION_NOT_ALLOWED', '个人选票只有业委会、社区（村）和投票的业主本人可以查看');
      where = { voteId: id, houseId: In(mine) };
    }
    return this.ballotViews(vote, await this.db.getRepository(Ballot).find({ where, order: { id: 'ASC' } }), caller);
  }

  private async ballotViews(vote: Vote, ballots: Ballot[], caller: Principal): Promise<BallotView[]> {
    const labels = await this.houseLabels(ballots.map((b) => b.houseId));
    const ctx = this.paperContext(vote, caller);
    const out: BallotView[] = [];
    for (const b of ballots) {
      const [photo] = b.photoId ? await this.uploads.photoViews([b.photoId], false) : [];
      const can = Object.fromEntries(PAPER_BALLOT_STEPS.map((step) => [step, paperBallotRefusal(vote, b, step, ctx) === null])) as BallotView['can'];
      out.push({ id: b.id, houseId: b.houseId, house: labels.get(b.houseId) ?? '', choice: b.choice, option: vote.options[b.choice] ?? '', paper: b.paper, paperState: b.paperState, note: b.note, photo: photo ?? null, castAt: b.createdAt.toISOString(), can });
    }
    return out;
  }

  private async houseLabels(ids: number[]): Promise<Map<number, string>> {
    return new Map([...(await houseLabels(this.db.manager, ids))].map(([id, h]) => [id, h.label]));
  }


  // ─── Views ──────────────────────────────────────────────────────────────────────────────────────────────────

  async list(query: VotesQuery, caller: Principal): Promise<Page<VoteSummary>> {
    const qb = applyScope(this.db.getRepository(Vote).createQueryBuilder('v'), communityScope(caller, 'votes.read', 'v.community_id'));
    if (query.communityId) qb.andWhere('v.communityId = :cid', { cid: query.communityId });
    if (query.state) qb.andWhere('v.state = :state', { state: query.state });
    // Drafts and votes in approval only for the committee and the office of their estate.
    applyScope(qb, eitherScope({ sql: "v.state IN ('open', 'closed')", params: {} }, communityScope(caller, ['votes.paper', 'votes.approve'], 'v.communityId')));
    const page = await keysetPage(qb, { columns: [{ expr: 'v.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (v) => [v.id] });
    return { items: page.items.map((v) => this.summary(v)), nextCursor: page.nextCursor };
  }

  async get(id: number, caller: Principal): Promise<VoteView> {
    return this.view(await this.load(id, caller), caller);
  }

  private summary(v: Vote): VoteSummary {
    return {
      id: v.id,
      communityId: v.communityId,
      matter: v.matter,
      title: v.title,
      state: v.state,
      endsAt: v.endsAt.toISOString(),
      openedAt: v.openedAt?.toISOString() ?? null,
      closedAt: v.closedAt?.toISOString() ?? null,
      passedOption: v.result && v.result.passedOption !== null ? (v.options[v.result.passedOption] ?? null) : null,
    };
  }

  private async view(vote: Vote, caller: Principal): Promise<VoteView> {
    const now = new Date();
    const voters = vote.openedAt ? await this.db.getRepository(VoteVoter).findBy({ voteId: vote.id }) : [];
    // The ballots standing for their house (a paper ballot sent back no longer does).
    const ballots = vote.openedAt ? (await this.db.getRepository(Ballot).findBy({ voteId: vote.id })).filter((b) => b.liveHouseId !== null) : [];
    const counted = ballots.filter(ballotCounts);
    let turnout: VoteTurnout | null = null;
    if (vote.openedAt) {
      // While open only how many took part: the tally's participation figures, never its options; a paper ballot
      // counts once the office confirmed it.
      const t = vote.result ?? tallyVote(vote.matter, vote.options, voters, counted);
      const paperPending = vote.result ? (vote.result.paperUnconfirmed ?? 0) : ballots.length - counted.length;
      turnout = { totalAreaCenti: t.totalAreaCenti, totalHeads: t.totalHeads, participatingAreaCenti: t.participatingAreaCenti, participatingHeads: t.participatingHeads, ballots: t.ballots, houses: voters.length, paperPending };
    }
    const mine = voters.filter((v) => v.ownerIds.includes(caller.userId));
    const labels = await this.houseLabels(mine.map((v) => v.houseId));
    const byHouse = new Map(ballots.map((b) => [b.houseId, b]));
    const myHouses = mine.map((v) => {
      const b = byHouse.get(v.houseId);
      return { houseId: v.houseId, house: labels.get(v.houseId) ?? '', ballot: b ? { choice: b.choice, option: vote.options[b.choice] ?? '', castAt: b.createdAt.toISOString(), paperState: b.paperState } : null };
    });
    const actors = this.actors(vote, caller);
    const allCast = voters.length > 0 && counted.length >= voters.length;
    const may = (step: VoteStep) => voteRefusal(vote, step, { now, actors, allCast }) === null;
    const open = vote.state === 'open' && vote.endsAt.getTime() > now.getTime();
    return {
      ...this.summary(vote),
      text: vote.text,
      options: vote.options,
      documents: await this.uploads.photoViews(vote.documentIds, false),
      note: vote.note,
      turnout,
      result: vote.state === 'closed' ? vote.result : null,
      disclosureId: vote.disclosureId,
      myHouses,
      can: {
        ...(Object.fromEntries(Object.keys(VOTE_TRANSITIONS).map((s) => [s, may(s as VoteStep)])) as Record<VoteStep, boolean>),
        edit: vote.state === 'draft' && actors.includes('chair'),
        cast: open && myHouses.some((h) => !h.ballot),
        enterPaper: open && caller.mayInCommunity('votes.paper', vote.communityId) && ballots.length < voters.length,
        readBallots: this.internal(vote, caller) || myHouses.length > 0,
      },
    };
  }

}
