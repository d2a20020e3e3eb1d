import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  SURVEY_MIN_ANSWERS_DEFAULT,
  SURVEY_SCORE_MAX,
  SURVEY_SCORE_MIN,
  defaultSurveyItems,
  shanghaiDate,
  surveyEstateResult,
  surveyState,
  type Page,
  type SurveyAnswerView,
  type SurveyEstateResult,
  type SurveyScoreSum,
  type SurveySummary,
  type SurveyView,
} from '@wuye/contracts';
import { DomainError, conflict, invalid, notFound } from '../../common/errors';
import { isUniqueViolation } from '../../common/error.filter';
import { keysetPage } from '../../common/pagination';
import { HouseBinding } from '../identity/house-binding.entity';
import type { Principal } from '../identity/principal';
import { areaCovers, areaPathIds, areaRoots, underArea } from '../identity/scope';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { houseLabels } from '../org/houses.service';
import type { CreateSurveyDto, SurveyAnswerDto, SurveysQuery } from './dto/survey.dto';
import { Survey, SurveyAnswer, SurveyScore } from './survey.entity';

/**
 * 满意度测评: regulators launch a yearly campaign for an area; residents answer once per house inside its window;
 * results per estate are sums and counts, shown only once the estate has the campaign's minimum of answers. No route
 * returns an answer to anyone but the resident who gave it.
 */
@Injectable()
export class SurveysService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // ─── Launching ──────────────────────────────────────────────────────────────────────────────────────────────

  async create(dto: CreateSurveyDto, caller: Principal): Promise<SurveyView> {
    const area = await this.db.getRepository(Area).findOneBy({ id: dto.areaId });
    const roots = await areaRoots(this.db, caller, 'surveys.launch');
    if (!area || (roots !== 'all' && !roots.some((r) => areaCovers(r, area.path)))) throw notFound('area');
    if (dto.closesOn < dto.opensOn) throw invalid('结束日期不能早于开始日期', { field: 'closesOn' });
    if (dto.closesOn < shanghaiDate()) throw invalid('结束日期不能早于今天', { field: 'closesOn' });
    const items = (dto.items?.length ? dto.items : defaultSurveyItems()).map((item, i) => ({ code: `s${i + 1}`, section: item.section, text: item.text.trim() }));
    if (items.some((i) => !i.text)) throw invalid('测评项的内容不能为空', { field: 'items' });
    const saved = await this.db.getRepository(Survey).save(
      this.db.getRepository(Survey).create({
        areaId: area.id,
        areaPath: area.path,
        title: dto.title.trim(),
        year: dto.year,
        opensOn: dto.opensOn,
        closesOn: dto.closesOn,
        minAnswers: dto.minAnswers ?? SURVEY_MIN_ANSWERS_DEFAULT,
        items,
        createdById: caller.userId,
      }),
    );
    return this.get(saved.id, caller);
  }

  // ─── Who reaches what ───────────────────────────────────────────────────────────────────────────────────────

  /** The estates the caller reaches (surveys.read), or 'all'. */
  private async reachedEstates(caller: Principal): Promise<'all' | Community[]> {
    const ids = caller.communityIds('surveys.read');
    if (ids === 'all') return 'all';
    return ids.length ? this.db.getRepository(Community).find({ where: { id: In(ids) }, select: { id: true, name: true, areaPath: true } }) : [];
  }

  /** A campaign the caller may see: it covers at least one estate they reach. Anything else is 404. */
  private async load(id: number, caller: Principal): Promise<{ survey: Survey; reached: 'all' | Community[] }> {
    const survey = await this.db.getRepository(Survey).findOneBy({ id });
    if (!survey) throw notFound('survey');
    const reached = await this.reachedEstates(caller);
    if (reached !== 'all' && !reached.some((c) => areaCovers({ path: survey.areaPath }, c.areaPath))) throw notFound('survey');
    return { survey, reached };
  }

  /** The caller's verified houses in estates the campaign covers (any relation: owners, family, tenants). */
  private async myHouses(survey: Survey, userId: number): Promise<{ houseId: number; communityId: number }[]> {
    const bindings = await this.db.getRepository(HouseBinding).findBy({ userId, state: 'approved' });
    if (!bindings.length) return [];
    const estates = await this.db.getRepository(Community).findBy({ id: In([...new Set(bindings.map((b) => b.communityId))]) });
    const covered = new Set(estates.filter((c) => areaCovers({ path: survey.areaPath }, c.areaPath)).map((c) => c.id));
    const seen = new Set<number>();
    return bindings.filter((b) => covered.has(b.communityId) && !seen.has(b.houseId) && seen.add(b.houseId)).map((b) => ({ houseId: b.houseId, communityId: b.communityId }));
  }

  // ─── Answering ──────────────────────────────────────────────────────────────────────────────────────────────

  /** One answer per house, inside the window, from a verified resident of a covered estate, every item 1–5. */
  async answer(id: number, dto: SurveyAnswerDto, caller: Principal): Promise<SurveyAnswerView> {
    const { survey } = await this.load(id, caller);
    if (surveyState(survey, shanghaiDate()) !== 'open') throw conflict('SURVEY_NOT_OPEN', `本次测评的作答时间是 ${survey.opensOn} 至 ${survey.closesOn}`, { opensOn: survey.opensOn, closesOn: survey.closesOn });
    const house = (await this.myHouses(survey, caller.userId)).find((h) => h.houseId === dto.houseId);
    if (!house) throw new DomainError(403, 'SURVEY_NOT_ELIGIBLE', '这户不是您已认证的、本次测评范围内小区的房屋');
    const codes = survey.items.map((i) => i.code);
    const given = Object.keys(dto.scores ?? {});
    const scoreOk = (v: unknown) => Number.isInteger(v) && (v as number) >= SURVEY_SCORE_MIN && (v as number) <= SURVEY_SCORE_MAX;
    if (given.length !== codes.length || codes.some((c) => !scoreOk(dto.scores[c]))) {
      throw invalid('请为每一项选择 1–5 分', { field: 'scores', codes }, 'SURVEY_SCORES_INVALID');
    }
    const comment = dto.comment?.trim() || null;
    try {
      const saved = await this.db.transaction(async (m) => {
        if (await m.getRepository(SurveyAnswer).existsBy({ surveyId: id, houseId: house.houseId })) throw this.answered();
        const row = await m.getRepository(SurveyAnswer).save(m.getRepository(SurveyAnswer).create({ surveyId: id, communityId: house.communityId, houseId: house.houseId, userId: caller.userId, comment }));
        await m.getRepository(SurveyScore).insert(codes.map((code) => ({ answerId: row.id, surveyId: id, communityId: house.communityId, code, score: dto.scores[code] })));
        return row;
      });
      return (await this.answerViews([saved]))[0];
    } catch (error) {
      if (isUniqueViolation(error)) throw this.answered();
      throw error;
    }
  }

  private answered() {
    return conflict('SURVEY_ALREADY_ANSWERED', '这户已经参加过本次测评了，每户只能答一次');
  }

  /** The caller's own answers (their houses'); individual answers are shown to no one else, whatever their role. */
  async myAnswers(id: number, caller: Principal): Promise<SurveyAnswerView[]> {
    const { survey } = await this.load(id, caller);
    const houses = await this.myHouses(survey, caller.userId);
    if (!houses.length) throw new DomainError(403, 'SURVEY_ANSWERS_PRIVATE', '个人答卷只有作答的住户本人可以查看');
    // The house's answer, even if someone else living there gave it: it is the household's answer.
    return this.answerViews(await this.db.getRepository(SurveyAnswer).find({ where: { surveyId: id, houseId: In(houses.map((h) => h.houseId)) }, order: { id: 'ASC' } }));
  }

  private async answerViews(rows: SurveyAnswer[]): Promise<SurveyAnswerView[]> {
    if (!rows.length) return [];
    const scores = await this.db.getRepository(SurveyScore).findBy({ answerId: In(rows.map((r) => r.id)) });
    const labels = await houseLabels(this.db.manager, rows.map((r) => r.houseId));
    return rows.map((r) => ({
      id: r.id,
      houseId: r.houseId,
      house: labels.get(r.houseId)?.label ?? '',
      scores: Object.fromEntries(scores.filter((s) => s.answerId === r.id).map((s) => [s.code, s.score])),
      comment: r.comment,
      answeredAt: r.createdAt.toISOString(),
    }));
  }

  // ─── Results ────────────────────────────────────────────────────────────────────────────────────────────────

  /** Houses that answered and the score sums per item, for the given estates of a campaign (two grouped queries). */
  private async sums(surveyId: number, communityIds: number[]): Promise<{ answers: Map<number, number>; sums: SurveyScoreSum[] }> {
    if (!communityIds.length) return { answers: new Map(), sums: [] };
    const counts = await this.db
      .getRepository(SurveyAnswer)
      .createQueryBuilder('a')
      .select('a.communityId', 'c')
      .addSelect('COUNT(*)', 'n')
      .where('a.surveyId = :surveyId AND a.communityId IN (:...ids)', { surveyId, ids: communityIds })
      .groupBy('a.communityId')
      .getRawMany<{ c: number; n: string }>();
    const sums = await this.db
      .getRepository(SurveyScore)
      .createQueryBuilder('s')
      .select('s.communityId', 'c')
      .addSelect('s.code', 'code')
      .addSelect('SUM(s.score)', 'sum')
      .addSelect('COUNT(*)', 'n')
      .where('s.surveyId = :surveyId AND s.communityId IN (:...ids)', { surveyId, ids: communityIds })
      .groupBy('s.communityId')
      .addGroupBy('s.code')
      .getRawMany<{ c: number; code: string; sum: string; n: string }>();
    return {
      answers: new Map(counts.map((r) => [Number(r.c), Number(r.n)])),
      sums: sums.map((r) => ({ communityId: Number(r.c), code: String(r.code), sum: Number(r.sum), count: Number(r.n) })),
    };
  }

  private async results(survey: Survey, estates: Pick<Community, 'id' | 'name'>[]): Promise<SurveyEstateResult[]> {
    const { answers, sums } = await this.sums(survey.id, estates.map((e) => e.id));
    return estates.map((e) => surveyEstateResult(e, survey.items, answers.get(e.id) ?? 0, survey.minAnswers, sums));
  }

  /**
   * The estate's result in the latest campaign of the year that covers it, for the rating form's indicators: the mean
   * score (null below the minimum, or without a campaign) and how many houses answered.
   */
  async yearResult(community: Pick<Community, 'id' | 'name' | 'areaPath'>, year: number): Promise<{ surveyScore: number | null; surveyAnswers: number }> {
    const covering = (await this.db.getRepository(Survey).find({ where: { year, areaId: In(areaPathIds(community.areaPath)) }, order: { id: 'DESC' }, take: 1 }))[0];
    if (!covering) return { surveyScore: null, surveyAnswers: 0 };
    const [result] = await this.results(covering, [community]);
    return { surveyScore: result.average, surveyAnswers: result.answers };
  }

  // ─── Views ──────────────────────────────────────────────────────────────────────────────────────────────────

  /** Campaigns covering the caller's estates (?communityId= one of them; ?open=true those open today), newest first. */
  async list(query: SurveysQuery, caller: Principal): Promise<Page<SurveySummary>> {
    let reached = await this.reachedEstates(caller);
    if (query.communityId !== undefined) {
      const estate = await this.db.getRepository(Community).findOneBy({ id: query.communityId });
      if (!estate || (reached !== 'all' && !reached.some((c) => c.id === estate.id))) throw notFound('community');
      reached = [estate];
    }
    const qb = this.db.getRepository(Survey).createQueryBuilder('s');
    if (reached !== 'all') {
      const areaIds = [...new Set(reached.flatMap((c) => areaPathIds(c.areaPath)))];
      qb.andWhere(areaIds.length ? 's.areaId IN (:...areaIds)' : '1 = 0', { areaIds });
    }
    if (query.open) {
      const today = shanghaiDate();
      qb.andWhere('s.opensOn <= :today AND s.closesOn >= :today', { today });
    }
    const page = await keysetPage(qb, { columns: [{ expr: 's.id', dir: 'DESC' }], cursor: query.cursor, limit: query.limit, keyOf: (s) => [s.id] });
    const areas = await this.areaNames(page.items);
    const summaries = await Promise.all(page.items.map(async (s) => this.summary(s, await this.pending(s, caller.userId), areas)));
    return { items: summaries, nextCursor: page.nextCursor };
  }

  async get(id: number, caller: Principal): Promise<SurveyView> {
    const { survey, reached } = await this.load(id, caller);
    const under = underArea('c.areaPath', survey.areaPath);
    const estates =
      reached === 'all'
        ? await this.db.getRepository(Community).createQueryBuilder('c').select(['c.id', 'c.name']).where(under.sql, under.params).orderBy('c.id', 'ASC').getMany()
        : reached.filter((c) => areaCovers({ path: survey.areaPath }, c.areaPath)).sort((a, b) => a.id - b.id);
    const houses = await this.myHouses(survey, caller.userId);
    const answered = houses.length ? new Set((await this.db.getRepository(SurveyAnswer).find({ where: { surveyId: id, houseId: In(houses.map((h) => h.houseId)) }, select: { houseId: true } })).map((a) => a.houseId)) : new Set<number>();
    const labels = await houseLabels(this.db.manager, houses.map((h) => h.houseId));
    const myHouses = houses.map((h) => ({ houseId: h.houseId, house: labels.get(h.houseId)?.label ?? '', communityId: h.communityId, answered: answered.has(h.houseId) }));
    const summary = this.summary(survey, myHouses.filter((h) => !h.answered).length, await this.areaNames([survey]));
    return {
      ...summary,
      items: survey.items,
      results: await this.results(survey, estates),
      myHouses,
      can: { answer: summary.state === 'open' && summary.toAnswer > 0 },
    };
  }

  /** The caller's covered houses that have not answered (0 for anyone without a house). */
  private async pending(survey: Survey, userId: number): Promise<number> {
    const houses = await this.myHouses(survey, userId);
    if (!houses.length) return 0;
    return houses.length - (await this.db.getRepository(SurveyAnswer).countBy({ surveyId: survey.id, houseId: In(houses.map((h) => h.houseId)) }));
  }

  private async areaNames(surveys: Survey[]): Promise<Map<number, string>> {
    const areas = await this.db.getRepository(Area).findBy({ id: In(surveys.map((s) => s.areaId).concat(0)) });
    return new Map(areas.map((a) => [a.id, a.name]));
  }

  private summary(s: Survey, toAnswer: number, areaNames: Map<number, string>): SurveySummary {
    return {
      id: s.id,
      areaId: s.areaId,
      areaName: areaNames.get(s.areaId) ?? '',
      title: s.title,
      year: s.year,
      opensOn: s.opensOn,
      closesOn: s.closesOn,
      minAnswers: s.minAnswers,
      state: surveyState(s, shanghaiDate()),
      toAnswer,
    };
  }
}
