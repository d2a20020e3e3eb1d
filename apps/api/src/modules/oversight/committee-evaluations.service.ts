import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  COMMITTEE_GRADE_LABELS,
  DISCLOSURE_REVIEW_DAYS,
  DAY_MS,
  committeeGrade,
  shanghaiDate,
  shanghaiDayStart,
  shareOf,
  type CommitteeEvaluationsView,
  type CommitteeEvaluationView,
  type CommitteeGradeBadge,
  type CommitteeIndicators,
} from '@wuye/contracts';
import { invalid, notFound } from '../../common/errors';
import { Disclosure } from '../disclosures/disclosure.entity';
import { DisclosureQuestion } from '../disclosures/disclosure-question.entity';
import { AuditService } from '../identity/audit.service';
import type { Principal } from '../identity/principal';
import { Meeting } from '../meetings/meeting.entity';
import { MeetingCommunity } from '../meetings/meeting-community.entity';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { Vote } from '../votes/vote.entity';
import type { CommitteeEvaluationDto, CommitteeEvaluationsQuery } from './dto/oversight.dto';
import { CommitteeEvaluation } from './committee-evaluation.entity';
import { issuingArea } from './oversight-scope';
import { nextYearlyVersion, recorderNames } from './yearly-versions';

const thisYear = () => Number(shanghaiDate().slice(0, 4));

/** What the indicators count, from the rows of one estate and year (pure: unit-tested). */
export function committeeIndicators(
  year: number,
  now: Date,
  rows: {
    /** Disclosures submitted for review in the year (vote results, published by the system, are not among them). */
    reviews: { submittedAt: Date; publishedAt: Date | null }[];
    questions: { answeredAt: Date | null }[];
    meetings: { committeeAttended: boolean }[];
    votesClosed: number;
  },
): CommitteeIndicators {
  const deadline = (r: { submittedAt: Date }) => r.submittedAt.getTime() + DISCLOSURE_REVIEW_DAYS * DAY_MS;
  // A review still under way and within its deadline is not counted yet: it may still be in time.
  const due = rows.reviews.filter((r) => r.publishedAt !== null || deadline(r) < now.getTime());
  const inTime = due.filter((r) => r.publishedAt !== null && r.publishedAt.getTime() <= deadline(r)).length;
  const answered = rows.questions.filter((q) => q.answeredAt !== null).length;
  const attended = rows.meetings.filter((m) => m.committeeAttended).length;
  return {
    year,
    reviewsDue: due.length,
    reviewsInTime: inTime,
    reviewsInTimeRate: shareOf(inTime, due.length),
    questionsAsked: rows.questions.length,
    questionsAnswered: answered,
    questionsAnsweredRate: shareOf(answered, rows.questions.length),
    meetingsHeld: rows.meetings.length,
    meetingsAttended: attended,
    meetingsAttendedRate: shareOf(attended, rows.meetings.length),
    votesRun: rows.votesClosed,
  };
}

/**
 * 业委会履职考评: the system's indicators of an estate's committee for a year, and the community office's evaluation
 * (score, comment, grade). One per estate and year; a change is a new version with its reason (as star ratings), and
 * each version keeps the indicators as they were when it was recorded.
 */
@Injectable()
export class CommitteeEvaluationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The estate's indicators for a calendar year (Asia/Shanghai). */
  /** `db`: the demo seed's transaction, which must read what it has written so far (and not wait for a second connection). */
  async indicators(communityId: number, year: number, now = new Date(), db: DataSource | EntityManager = this.db): Promise<CommitteeIndicators> {
    const start = shanghaiDayStart(`${year}-01-01`);
    const end = shanghaiDayStart(`${year + 1}-01-01`);
    const inYear = (column: string) => `${column} >= :start AND ${column} < :end`;
    // One after another: on a transaction's connection there is no other to share the work with.
    const reviews = await db
      .getRepository(Disclosure)
      .createQueryBuilder('d')
      .select(['d.id', 'd.submittedAt', 'd.publishedAt'])
      .where("d.communityId = :communityId AND d.type <> 'vote_result' AND d.state IN ('in_review', 'published', 'superseded')", { communityId })
      .andWhere(inYear('d.submittedAt'), { start, end })
      .getMany();
    const questions = await db.getRepository(DisclosureQuestion).createQueryBuilder('q').select(['q.id', 'q.answeredAt']).where('q.communityId = :communityId', { communityId }).andWhere(inYear('q.createdAt'), { start, end }).getMany();
    // Every meeting covering the estate, a 协调委员会 over several estates included (not only those listing it first).
    const meetings = await db
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .innerJoin(MeetingCommunity, 'mc', 'mc.meetingId = m.id')
      .select(['m.id', 'm.attendees'])
      .where('mc.communityId = :communityId AND m.heldOn >= :from AND m.heldOn <= :to', { communityId, from: `${year}-01-01`, to: `${year}-12-31` })
      .getMany();
    const votesClosed = await db.getRepository(Vote).createQueryBuilder('v').where("v.communityId = :communityId AND v.state = 'closed'", { communityId }).andWhere(inYear('v.closedAt'), { start, end }).getCount();
    return committeeIndicators(year, now, {
      reviews: reviews.map((d) => ({ submittedAt: d.submittedAt as Date, publishedAt: d.publishedAt })),
      questions,
      meetings: meetings.map((m) => ({ committeeAttended: m.attendees.some((a) => a.party === 'committee') })),
      votesClosed,
    });
  }

  private async estate(communityId: number, caller: Principal): Promise<Community> {
    const community = await this.db.getRepository(Community).findOneBy({ id: communityId });
    if (!community || !caller.mayInCommunity('evaluations.read', communityId)) throw notFound('community');
    return community;
  }

  async forCommunity(query: CommitteeEvaluationsQuery, caller: Principal): Promise<CommitteeEvaluationsView> {
    const community = await this.estate(query.communityId, caller);
    const year = query.year ?? thisYear();
    const history = await this.views(await this.db.getRepository(CommitteeEvaluation).find({ where: { communityId: community.id }, order: { year: 'DESC', version: 'DESC' } }));
    return {
      communityId: community.id,
      communityName: community.name,
      year,
      current: history.find((v) => v.year === year) ?? null,
      history,
      indicators: await this.indicators(community.id, year),
      can: { evaluate: caller.mayInCommunity('evaluations.write', community.id) },
    };
  }

  /** Records the year's evaluation, or its next version; the indicators are frozen in it as they are now. */
  async record(dto: CommitteeEvaluationDto, caller: Principal): Promise<CommitteeEvaluationView> {
    const community = await this.db.getRepository(Community).findOneBy({ id: dto.communityId });
    if (!community || !caller.mayInCommunity('evaluations.write', dto.communityId)) throw notFound('community');
    if (dto.year > thisYear()) throw invalid(`考评年度不能晚于 ${thisYear()} 年`, { field: 'year' }, 'EVALUATION_YEAR_OUT_OF_RANGE');
    const area = await issuingArea(this.db, caller, community.areaPath, () => this.db.getRepository(Area).findOneBy({ id: community.areaId }), 'evaluations.write');
    if (!area) throw notFound('community');
    const indicators = await this.indicators(community.id, dto.year);
    const saved = await this.db.transaction(async (m) => {
      const { version, changeReason } = await nextYearlyVersion(m, CommitteeEvaluation, { communityId: community.id, year: dto.year }, dto, { record: '考评', reasonCode: 'EVALUATION_CHANGE_NEEDS_REASON' });
      return m.getRepository(CommitteeEvaluation).save(
        m.getRepository(CommitteeEvaluation).create({
          communityId: community.id,
          year: dto.year,
          version,
          changeReason,
          score: dto.score,
          grade: committeeGrade(dto.score),
          comment: dto.comment.trim(),
          indicators,
          evaluatedById: caller.userId,
          areaId: area.id,
        }),
      );
    });
    await this.audit.record({ by: caller, action: 'committee_evaluation.record', entityType: 'committee_evaluation', entityId: saved.id, communityId: community.id, after: { year: dto.year, version: saved.version, score: dto.score, changeReason: saved.changeReason } });
    return (await this.views([saved]))[0];
  }

  /** Each estate's latest grade (newest year, its latest version), for residents' pages and area statistics. */
  async latestGrades(communityIds: number[]): Promise<Map<number, CommitteeGradeBadge>> {
    const out = new Map<number, CommitteeGradeBadge>();
    if (!communityIds.length) return out;
    const rows = await this.db.getRepository(CommitteeEvaluation).find({ where: { communityId: In(communityIds) }, select: { communityId: true, year: true, version: true, grade: true }, order: { year: 'DESC', version: 'DESC' } });
    for (const r of rows) if (!out.has(r.communityId)) out.set(r.communityId, { year: r.year, grade: r.grade, gradeLabel: COMMITTEE_GRADE_LABELS[r.grade] });
    return out;
  }

  private async views(rows: CommitteeEvaluation[]): Promise<CommitteeEvaluationView[]> {
    if (!rows.length) return [];
    const names = await recorderNames(this.db, rows.map((r) => ({ userId: r.evaluatedById, areaId: r.areaId })));
    return rows.map((r) => ({
      id: r.id,
      communityId: r.communityId,
      year: r.year,
      version: r.version,
      score: r.score,
      grade: r.grade,
      gradeLabel: COMMITTEE_GRADE_LABELS[r.grade],
      comment: r.comment,
      changeReason: r.changeReason,
      evaluatedBy: names.user(r.evaluatedById),
      issuingArea: names.area(r.areaId),
      evaluatedAt: r.createdAt.toISOString(),
      indicators: r.indicators,
    }));
  }
}
