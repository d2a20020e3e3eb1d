/**
 * 业委会履职考评: each year the community office evaluates an estate's owners' committee. The system computes the
 * indicators (disclosures reviewed in time, owners' questions answered, joint meetings attended, votes run); the
 * office adds a score, a comment and so a grade. One evaluation per estate and year: a change is a new version with
 * its reason, and the indicators are frozen in each version as they were when it was recorded.
 */

/** Days the committee has to review a submitted disclosure (业账社审) before its review counts as late. */
export const DISCLOSURE_REVIEW_DAYS = 7;

export const COMMITTEE_GRADE_LABELS = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' } as const;
export type CommitteeGrade = keyof typeof COMMITTEE_GRADE_LABELS;
export const COMMITTEE_GRADES = Object.keys(COMMITTEE_GRADE_LABELS) as CommitteeGrade[];

/** The fixed bands: 90–100 优秀, 75–89 良好, 60–74 合格, below 60 不合格 (the same bands as the credit grade). */
export const COMMITTEE_GRADE_BANDS: readonly { grade: CommitteeGrade; from: number }[] = [
  { grade: 'excellent', from: 90 },
  { grade: 'good', from: 75 },
  { grade: 'pass', from: 60 },
  { grade: 'fail', from: 0 },
];

export function committeeGrade(score: number): CommitteeGrade {
  return (COMMITTEE_GRADE_BANDS.find((b) => score >= b.from) ?? COMMITTEE_GRADE_BANDS[COMMITTEE_GRADE_BANDS.length - 1]).grade;
}

export const EVALUATION_COMMENT_MAX = 500;

/** A share of whole counts, 4 decimals; null when there is nothing to measure. */
export const shareOf = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null);

export interface CommitteeIndicators {
  year: number;
  /** Disclosures submitted for review in the year whose review is decided or overdue. */
  reviewsDue: number;
  /** Of those, signed off within DISCLOSURE_REVIEW_DAYS of submission. */
  reviewsInTime: number;
  reviewsInTimeRate: number | null;
  /** Owners' questions (质询) asked in the year, and how many have an answer. */
  questionsAsked: number;
  questionsAnswered: number;
  questionsAnsweredRate: number | null;
  /** Joint meetings of the estate held in the year, and those the committee (业委会/业主代表) attended. */
  meetingsHeld: number;
  meetingsAttended: number;
  meetingsAttendedRate: number | null;
  /** Owners' votes closed (and their results published) in the year. */
  votesRun: number;
}

export interface CommitteeEvaluationInput {
  communityId: number;
  year: number;
  /** 0–100; the grade follows from it (COMMITTEE_GRADE_BANDS). */
  score: number;
  comment: string;
  /** Changing the year's evaluation: the version being changed and why. */
  baseVersion?: number;
  changeReason?: string;
}

export interface CommitteeEvaluationView {
  id: number;
  communityId: number;
  year: number;
  version: number;
  score: number;
  grade: CommitteeGrade;
  gradeLabel: string;
  comment: string;
  changeReason: string | null;
  evaluatedBy: string;
  issuingArea: string;
  evaluatedAt: string;
  /** As they were when this version was recorded. */
  indicators: CommitteeIndicators;
}

export interface CommitteeEvaluationsView {
  communityId: number;
  communityName: string;
  year: number;
  /** The latest version for the year asked for. */
  current: CommitteeEvaluationView | null;
  /** Every version of every year, newest first. */
  history: CommitteeEvaluationView[];
  /** The indicators as they are now, for the year asked for (the form shows them). */
  indicators: CommitteeIndicators;
  can: { evaluate: boolean };
}

/** An estate's latest grade (newest year, latest version), as residents and area statistics show it. */
export interface CommitteeGradeBadge {
  year: number;
  grade: CommitteeGrade;
  gradeLabel: string;
}
