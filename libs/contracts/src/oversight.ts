/** Oversight (督办, 统计, 星级评定, 信用). */
import type { InspectionFigures } from './inspections';
import type { ChannelSplit, InternalFigures, TicketState, TicketSummary } from './tickets';
import type { ShareReach } from './sharing';
import type { ReferralTier } from './meetings';
import type { CommitteeGrade, CommitteeGradeBadge } from './committee-evaluations';

/** Figures of residents' tickets (every channel, split in `byChannel`); the property side's own tickets are in `internal`. */
export interface Metrics extends ChannelSplit {
  total: number;
  byState: Partial<Record<TicketState, number>>;
  /** Shares 0..1; null when there is nothing to measure. */
  onTimeResponseRate: number | null;
  onTimeResolutionRate: number | null;
  /** Satisfied answers among ratings and return visits together (their sources in `satisfactionSources`). */
  satisfactionRate: number | null;
  reopenRate: number | null;
  averageStars: number | null;
  /** Open tickets past a deadline right now (every ticket, 内部报事 included: it is the backlog). */
  overdueOpen: number;
  internal: InternalFigures;
}

export interface CommunityOverview {
  id: number;
  name: string;
  areaId: number;
  company: { id: number; name: string } | null;
  metrics: Metrics;
  /** Disclosures past due (compliance, last 12 months). */
  disclosureOverdue: number;
  /** An owners' committee with a chair is in place. */
  committee: boolean;
  /** The estate's rating (see latestRating): stars, null for 不定星, undefined when never rated; and its year. */
  stars: number | null | undefined;
  /** 业主监督群: the groups this estate's disclosures reached and the openings from a group, in the period. */
  shareReach: ShareReach;
  starsYear: number | null;
  /** 业委会履职考评: the latest grade (newest year), null when never evaluated. */
  committeeGrade: CommitteeGradeBadge | null;
}

export interface AreaOverview {
  area: { id: number; name: string; level: string };
  from: string;
  to: string;
  /** Where the figures come from and how current they are. */
  freshness: { source: 'rollup'; maintained: 'with every ticket change'; asOf: string };
  metrics: Metrics;
  byCategory: { code: string; name: string; count: number }[];
  /** One level down: towns of a county, offices of a town, estates of an office. */
  children: { id: number; name: string; level: string; metrics: Metrics; communities: number; disclosureOverdue: number; committees: number }[];
  communities: CommunityOverview[];
  committees: { total: number; inPlace: number };
  stars: Record<'1' | '2' | '3' | '4' | '5' | 'unrated' | 'none', number>;
  /** Estates by their committee's latest grade (业委会履职考评); none: never evaluated. */
  committeeGrades: Record<CommitteeGrade | 'none', number>;
}

export interface CompanyOverview {
  id: number;
  name: string;
  communities: number;
  metrics: Metrics;
  credit: CreditStanding;
}

export const CREDIT_EVENT_LABELS = {
  interview: '约谈',
  criticism: '通报批评',
  points: '信用扣分',
  manager_dismissed: '项目经理撤换',
  project_withdrawn: '项目清退',
} as const;
export type CreditEventKind = keyof typeof CREDIT_EVENT_LABELS;

export interface CreditEventView {
  id: number;
  companyId: number;
  companyName: string;
  kind: CreditEventKind;
  points: number;
  occurredOn: string;
  reason: string;
  /** What it takes off the score (creditDeduction): its own points for 信用扣分, the fixed deduction otherwise. */
  deducted: number;
  communityName: string | null;
  managerName: string | null;
  issuingArea: string;
  /** The rectification order it cites (整改不力), if any. */
  rectificationId: number | null;
}

export interface CreditStanding {
  companyId: number;
  /** 100 less deductions over the last 12 months. */
  score: number;
  grade: 'A' | 'B' | 'C' | 'D';
  last12Months: Record<CreditEventKind, number>;
  /** The score as a sum: 100 less these, kind by kind (last 12 months). */
  deductedByKind: Record<CreditEventKind, number>;
  pointsDeducted: number;
}

/** Deductions per event kind in the credit score (points events deduct their own points). */
export const CREDIT_DEDUCTIONS: Record<CreditEventKind, number> = { interview: 2, criticism: 5, points: 0, manager_dismissed: 5, project_withdrawn: 15 };

/** The points one event takes off a company's score: the standing sums these, and each event shows its own. */
export function creditDeduction(event: { kind: CreditEventKind; points: number }): number {
  return event.kind === 'points' ? event.points : CREDIT_DEDUCTIONS[event.kind];
}

export function creditGrade(score: number): CreditStanding['grade'] {
  return score >= 90 ? 'A' : score >= 75 ? 'B' : score >= 60 ? 'C' : 'D';
}

/**
 * One version of an estate's rating for a year. A year has one rating; changing it adds a version with the reason
 * for the change, and the latest version is the rating.
 */
export interface StarRatingView {
  id: number;
  year: number;
  version: number;
  /** null: 不定星. */
  stars: number | null;
  reason: string;
  /** Why an earlier version was changed (versions after the first). */
  changeReason: string | null;
  ratedBy: string;
  issuingArea: string;
  ratedAt: string;
  indicators: Record<string, number | null>;
}

/** An estate's ratings: the form (regulators) and the result (residents). */
/**
 * An estate's rating: the latest version of the newest year rated. A year's versions replace each other; an older
 * year rated later does not replace a newer year's. The overview, the estate cards and the residents' card all use it.
 */
export function latestRating<T extends { year: number; version: number }>(ratings: readonly T[]): T | null {
  let latest: T | null = null;
  for (const r of ratings) if (!latest || r.year > latest.year || (r.year === latest.year && r.version > latest.version)) latest = r;
  return latest;
}

export interface StarRatingsView {
  /** The latest version for the year asked for, if any. */
  current: StarRatingView | null;
  /** Every version of every year, newest first. */
  history: StarRatingView[];
  /** The estate's rating as every page shows it (see latestRating), whatever year was asked for. */
  latest: StarRatingView | null;
  indicators: RatingIndicators;
  /** The years that may be rated: from the estate's first year of property service to this year. */
  years: { first: number; last: number };
  can: { rate: boolean };
}

export interface StarRatingInput {
  year: number;
  /** 1–5, or null for 不定星. */
  stars: number | null;
  reason: string;
  /** Changing the year's rating: the version being changed (the current one) and why. */
  baseVersion?: number;
  changeReason?: string;
}

export interface RatingIndicators {
  year: number;
  tickets: number;
  satisfactionRate: number | null;
  onTimeResponseRate: number | null;
  onTimeResolutionRate: number | null;
  /** Share of due disclosures published on time in that year. */
  disclosureComplianceRate: number | null;
  overdueOpen: number;
  /** 动态监管 of the year (flat: a rating keeps its indicators as they were): inspections, their average score, orders. */
  inspections: InspectionFigures['inspections'];
  inspectionAverageScore: InspectionFigures['averageScore'];
  rectificationsIssued: InspectionFigures['ordersIssued'];
  rectificationsClosed: InspectionFigures['ordersClosed'];
  rectificationsOverdue: InspectionFigures['ordersOverdue'];
  /** 巡检完成率 of the year's last month that has ended (null: none yet, or no plan). */
  patrolCompletionRate: number | null;
  /** 满意度测评 of the year (the latest campaign covering the estate): mean score 1–5, null below its minimum or none. */
  surveyScore: number | null;
  /** Houses that answered it (0 when there was none). */
  surveyAnswers: number;
}

export interface EscalationView {
  id: number;
  reason: string;
  reasonLabel: string;
  state: 'open' | 'closed';
  deadlineAt: string | null;
  createdAt: string;
  closedAt: string | null;
  closingNote: string | null;
  communityId: number;
  communityName: string;
  /** The community office (社区/村) whose 督办 it is. */
  officeName: string;
  /** Whether the caller may comment, set a deadline and close it (escalations.handle); else the page names the office. */
  canHandle: boolean;
  /** The tiers it was sent up to (提交联席会…). */
  referredTo: ReferralTier[];
  /** The tiers the caller may send it up to now; the page shows exactly these. */
  canRefer: ReferralTier[];
  ticket: TicketSummary;
}
