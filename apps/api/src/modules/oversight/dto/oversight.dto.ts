import { CREDIT_EVENT_LABELS, EVALUATION_COMMENT_MAX, type CommitteeEvaluationInput, type CreditEventKind, type StarRatingInput } from '@wuye/contracts';
import { DateField, EnumField, IntField, TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

const ID = { min: 1, max: 2 ** 31 - 1 };

export class OverviewQuery {
  @IntField({ ...ID, fromQuery: true, description: 'County, town or community office' })
  areaId: number;

  @DateField({ description: 'First day (Asia/Shanghai) tickets were filed, inclusive' })
  from: string;

  @DateField({ description: 'Last day, inclusive' })
  to: string;
}

export class EscalationsQuery extends PageQuery {
  @EnumField(['open', 'closed'] as const, { optional: true })
  state?: 'open' | 'closed';

  @IntField({ ...ID, optional: true, fromQuery: true })
  communityId?: number;

  @IntField({ ...ID, optional: true, fromQuery: true, description: 'The escalations of one ticket (the ticket page finds its 督办)' })
  ticketId?: number;
}

export class EscalationNoteDto {
  @TextField({ max: 500, example: '请物业三日内修复并反馈' })
  note: string;
}

export class EscalationDeadlineDto {
  @TextField({ max: 40, pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, description: 'ISO 8601 with offset', example: '2026-12-01T18:00:00+08:00' })
  deadlineAt: string;

  @TextField({ max: 500, optional: true })
  note?: string;
}

export class CloseEscalationDto {
  @TextField({ max: 500, example: '已现场核实修复' })
  note: string;
}

export class StarRatingDto implements StarRatingInput {
  @IntField({ min: 2000, max: 2100, description: 'From the estate’s first year of property service to this year (StarRatingsView.years)' })
  year: number;

  @IntField({ min: 1, max: 5, nullable: true, description: '1–5, or null for 不定星' })
  stars: number | null;

  @TextField({ max: 500 })
  reason: string;

  @IntField({ min: 1, max: 10000, optional: true, description: 'Changing the year’s rating: the version being changed (the current one)' })
  baseVersion?: number;

  @TextField({ max: 500, optional: true, description: 'Why the rating is changed (required for a change)' })
  changeReason?: string;
}

export class YearParam {
  @IntField({ min: 2000, max: 2100, optional: true, fromQuery: true })
  year?: number;
}

export class CommitteeEvaluationsQuery extends YearParam {
  @IntField({ ...ID, fromQuery: true })
  communityId: number;
}

export class CommitteeEvaluationDto implements CommitteeEvaluationInput {
  @IntField(ID)
  communityId: number;

  @IntField({ min: 2000, max: 2100, description: 'Not later than this year' })
  year: number;

  @IntField({ min: 0, max: 100, description: '0–100: 90+ 优秀, 75–89 良好, 60–74 合格, below 60 不合格' })
  score: number;

  @TextField({ max: EVALUATION_COMMENT_MAX })
  comment: string;

  @IntField({ min: 1, max: 10000, optional: true, description: 'Changing the year’s evaluation: the version being changed (the current one)' })
  baseVersion?: number;

  @TextField({ max: 500, optional: true, description: 'Why the evaluation is changed (required for a change)' })
  changeReason?: string;
}

export class CreditEventDto {
  @IntField(ID)
  companyId: number;

  @EnumField(Object.keys(CREDIT_EVENT_LABELS) as CreditEventKind[])
  kind: CreditEventKind;

  @IntField({ min: 0, max: 100, optional: true, description: 'Points deducted (kind points)' })
  points?: number;

  @DateField()
  occurredOn: string;

  @TextField({ max: 500 })
  reason: string;

  @IntField({ ...ID, optional: true })
  communityId?: number;

  @IntField({ ...ID, optional: true, description: 'The project manager concerned: needs communityId, and must have managed that estate for the company on occurredOn' })
  managerUserId?: number;

  @IntField({ ...ID, optional: true, description: 'A rectification order of this company the event cites (整改不力)' })
  rectificationId?: number;
}

export class ManagersQuery {
  @IntField({ ...ID, optional: true, fromQuery: true, description: 'Only this company’s managers (default: whichever company served the estate that day)' })
  companyId?: number;

  @DateField({ optional: true, description: 'The day (Asia/Shanghai) they managed the estate; default today' })
  on?: string;
}

export class CreditEventsQuery extends PageQuery {
  @IntField({ ...ID, optional: true, fromQuery: true })
  companyId?: number;
}
