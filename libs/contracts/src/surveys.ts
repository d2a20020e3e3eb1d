/**
 * 满意度测评: a regulator's yearly campaign for an area. One answer per house (a verified owner, family member or
 * tenant answers for it), 5-point items grouped by the sections of the service standard. Results are shown per
 * estate only once it has the campaign's minimum number of answers; individual answers are seen by no one but the
 * resident who gave them.
 */
import { INSPECTION_SECTIONS, INSPECTION_SECTION_LABELS, type InspectionSection } from './inspections';

export const SURVEY_TITLE_MAX = 100;
export const SURVEY_ITEMS_MAX = 30;
export const SURVEY_COMMENT_MAX = 500;
export const SURVEY_SCORE_MIN = 1;
export const SURVEY_SCORE_MAX = 5;
/** Answers an estate needs before its results are shown, when the regulator sets none. */
export const SURVEY_MIN_ANSWERS_DEFAULT = 10;
export const SURVEY_MIN_ANSWERS_MAX = 1000;
/** What an estate below the minimum shows instead of averages. */
export const SURVEY_TOO_FEW = '样本不足';

/** 1 很不满意 … 5 很满意: the labels of the five points, in order. */
export const SURVEY_SCORE_LABELS = ['很不满意', '不满意', '一般', '满意', '很满意'] as const;

export interface SurveyItem {
  /** Stable within the campaign: "s1", "s2"… answers refer to it. */
  code: string;
  section: InspectionSection;
  text: string;
}

/** One item per section of the service standard, when the regulator gives none. */
export function defaultSurveyItems(): Omit<SurveyItem, 'code'>[] {
  return INSPECTION_SECTIONS.map((section) => ({ section, text: `您对小区${INSPECTION_SECTION_LABELS[section]}服务的满意程度` }));
}

export type SurveyState = 'upcoming' | 'open' | 'closed';
export const SURVEY_STATE_LABELS: Record<SurveyState, string> = { upcoming: '未开始', open: '测评中', closed: '已结束' };

/** Where a campaign stands on a day (Asia/Shanghai calendar dates, both ends inclusive). */
export function surveyState(window: { opensOn: string; closesOn: string }, today: string): SurveyState {
  return today < window.opensOn ? 'upcoming' : today > window.closesOn ? 'closed' : 'open';
}

// ─── Results (pure: the API computes them from sums and counts per estate and item) ─────────────────────────────

/** The sum and number of the scores an estate's answers gave one item. */
export interface SurveyScoreSum {
  communityId: number;
  code: string;
  sum: number;
  count: number;
}

export interface SurveySectionResult {
  section: InspectionSection;
  label: string;
  /** Mean of the section's item scores, 2 decimals; null below the minimum (or no item in the section). */
  average: number | null;
}

export interface SurveyEstateResult {
  communityId: number;
  communityName: string;
  /** Houses that answered. */
  answers: number;
  /** answers ≥ the campaign's minimum: only then are averages shown. */
  enough: boolean;
  /** Mean of every item score, 2 decimals; null below the minimum. */
  average: number | null;
  sections: SurveySectionResult[];
}

const mean = (sum: number, count: number): number | null => (count > 0 ? Math.round((sum * 100) / count) / 100 : null);

/**
 * One estate's result: averages per section and overall, or — below the minimum — only how many answered. Sums are
 * integers, so the averages come from one division each, rounded to 2 decimals.
 */
export function surveyEstateResult(estate: { id: number; name: string }, items: readonly SurveyItem[], answers: number, minAnswers: number, sums: readonly SurveyScoreSum[]): SurveyEstateResult {
  const enough = answers > 0 && answers >= minAnswers;
  const own = sums.filter((s) => s.communityId === estate.id);
  const total = (codes: string[]) => own.filter((s) => codes.includes(s.code)).reduce((a, s) => ({ sum: a.sum + s.sum, count: a.count + s.count }), { sum: 0, count: 0 });
  const sections = INSPECTION_SECTIONS.filter((section) => items.some((i) => i.section === section)).map((section) => {
    const t = total(items.filter((i) => i.section === section).map((i) => i.code));
    return { section, label: INSPECTION_SECTION_LABELS[section], average: enough ? mean(t.sum, t.count) : null };
  });
  const all = total(items.map((i) => i.code));
  return { communityId: estate.id, communityName: estate.name, answers, enough, average: enough ? mean(all.sum, all.count) : null, sections };
}

// ─── API shapes ───────────────────────────────────────────────────────────────────────────────────────────────

export interface CreateSurveyInput {
  /** The county, town or community office whose estates are asked. */
  areaId: number;
  title: string;
  year: number;
  /** First and last day of answering (Asia/Shanghai, inclusive). */
  opensOn: string;
  closesOn: string;
  /** Answers an estate needs before its results are shown (default SURVEY_MIN_ANSWERS_DEFAULT). */
  minAnswers?: number;
  /** The items; one per section of the service standard when omitted. */
  items?: { section: InspectionSection; text: string }[];
}

export interface SurveyAnswerInput {
  houseId: number;
  /** 1–5 for every item of the campaign, by item code. */
  scores: Record<string, number>;
  comment?: string;
}

export interface SurveySummary {
  id: number;
  areaId: number;
  areaName: string;
  title: string;
  year: number;
  opensOn: string;
  closesOn: string;
  minAnswers: number;
  state: SurveyState;
  /** The caller's houses under the campaign that have not answered yet (residents; 0 for everyone else). */
  toAnswer: number;
}

/** The caller's own answer for one of their houses. */
export interface SurveyAnswerView {
  id: number;
  houseId: number;
  house: string;
  scores: Record<string, number>;
  comment: string | null;
  answeredAt: string;
}

export interface SurveyView extends SurveySummary {
  items: SurveyItem[];
  /** The estates of the campaign the caller reaches, each with its result (averages only at or above the minimum). */
  results: SurveyEstateResult[];
  /** The caller's houses under the campaign and whether each has answered (by anyone living there). */
  myHouses: { houseId: number; house: string; communityId: number; answered: boolean }[];
  can: { answer: boolean };
}
