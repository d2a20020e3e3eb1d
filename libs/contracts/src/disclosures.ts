/** Disclosures (公示) and account review (业账社审). All money is integer fen. */
import type { DisclosureStep } from './disclosure-schema';
import { formatYuan } from './money';
import type { VoteMatter, VoteTally } from './votes';

export const DISCLOSURE_TYPES = ['fee_standard', 'fee_collection', 'public_income', 'shared_cost', 'maintenance_expense', 'maintenance_fund', 'vote_result', 'service_list'] as const;
export type DisclosureType = (typeof DISCLOSURE_TYPES)[number];
export const DISCLOSURE_TYPE_LABELS: Record<DisclosureType, string> = {
  fee_standard: '收费标准',
  fee_collection: '物业费收缴',
  public_income: '公共收益',
  shared_cost: '公摊费用',
  maintenance_expense: '维保支出',
  maintenance_fund: '专项维修资金',
  vote_result: '业主共同决定结果',
  service_list: '服务清单',
};
/** Published by the system when a vote closes, never drafted by hand. */
export const DRAFTABLE_DISCLOSURE_TYPES = DISCLOSURE_TYPES.filter((t) => t !== 'vote_result');

export const DISCLOSURE_STATES = ['draft', 'in_review', 'published', 'superseded'] as const;
export type DisclosureState = (typeof DISCLOSURE_STATES)[number];
export const DISCLOSURE_STATE_LABELS: Record<DisclosureState, string> = {
  draft: '草稿',
  in_review: '业委会审核中',
  published: '已公示',
  superseded: '已更正（旧版）',
};

/** Published disclosures stay on the board at least this long (and are kept forever). */
export const BOARD_MIN_DAYS = 30;
export const QUESTION_ANSWER_DAYS_DEFAULT = 10;

/** Periods: a month "2026-03", a quarter "2026-Q1", or a year "2026". */
export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

export const ALLOCATION_METHODS = ['area', 'household', 'fixed'] as const;
/** area: by floor area (民法典 第二百八十三条, the default); household: equal per house; fixed: agreed shares. */
export type AllocationMethod = (typeof ALLOCATION_METHODS)[number];
export const ALLOCATION_METHOD_LABELS: Record<AllocationMethod, string> = { area: '按建筑面积分摊', household: '按户均摊', fixed: '按约定份额分摊' };

/** One line of a disclosure; which fields it carries depends on the disclosure type and the line kind. */
export interface DisclosureLineInput {
  /** A line this draft already has, edited in place: it keeps its id, so the committee's queries stay on it. */
  id?: number;
  kind: string;
  /** Free text shown on the line (item, counterparty, contractor…). */
  item: string;
  amountFen?: number;
  /** Other fields by kind: see DISCLOSURE_LINE_SCHEMA. */
  fields?: Record<string, string | number | boolean | null>;
  /** Vouchers: upload ids (photos or PDF). */
  attachmentIds?: number[];
}

export interface DisclosureContent {
  /** fee_standard: 服务等级, 定价依据, 生效日期; service_list: 服务等级 (and the contract term as basis). */
  serviceGrade?: string;
  basis?: string;
  effectiveDate?: string;
  /** public_income: balance carried in. */
  openingBalanceFen?: number;
  /** shared_cost: how the total is shared, and among which buildings (all when empty). */
  method?: AllocationMethod;
  buildingIds?: number[];
  /** shared_cost with method fixed: the agreed weight of each house. */
  fixedShares?: { houseId: number; weight: number }[];
  /** Anything the manager wants residents to know. */
  note?: string;
}

export interface AllocationSummary {
  method: AllocationMethod;
  /** The buildings sharing it, in the estate's order; null: the whole estate (or, for fixed shares, the houses given one). */
  buildings: string[] | null;
  /** Houses sharing it, and the sum of their weights: floor area in 0.01 m² (area), 1 each (household), or the agreed shares (fixed). */
  houses: number;
  weightTotal: number;
  /** Fixed shares, for the property side and the committee only: each house's agreed share, in the order given. */
  agreed?: { houseId: number; buildingId: number; house: string; weight: number }[];
}

/** What one house's weight means, in words: "建筑面积 89.36㎡", "按户均摊", "约定份额 3". */
export function shareBasis(method: AllocationMethod, weight: number): string {
  return method === 'area' ? `建筑面积 ${(weight / 100).toFixed(2)}㎡` : method === 'household' ? '按户均摊' : `约定份额 ${weight}`;
}

/** "约 ¥0.0213": what one unit of a shared cost comes to, to four decimals of a yuan when below a fen. */
export function approxYuan(fen: number): string {
  return fen >= 100 ? `约 ${formatYuan(Math.round(fen))}` : `约 ¥${(fen / 100).toFixed(4)}`;
}

/** A shared cost's allocation in words (the mini-program's card and the .xlsx export): method, scope, houses, unit cost. */
export function allocationRows(a: AllocationSummary, totalFen: number): { key: string; label: string; text: string }[] {
  const rows = [
    { key: 'method', label: '分摊方式', text: ALLOCATION_METHOD_LABELS[a.method] },
    { key: 'scope', label: '分摊范围', text: a.buildings ? a.buildings.join('、') : a.method === 'fixed' ? '有约定份额的房屋' : '全小区' },
    { key: 'houses', label: '参与分摊', text: `${a.houses} 户` },
  ];
  if (a.houses === 0 || a.weightTotal === 0) return rows;
  if (a.method === 'area') {
    rows.push({ key: 'weight', label: '建筑面积合计', text: `${(a.weightTotal / 100).toFixed(2)}㎡` });
    rows.push({ key: 'unit', label: '每平方米', text: approxYuan((totalFen * 100) / a.weightTotal) });
  } else if (a.method === 'household') {
    rows.push({ key: 'unit', label: '每户', text: approxYuan(totalFen / a.houses) });
  } else {
    rows.push({ key: 'weight', label: '约定份额合计', text: `${a.weightTotal} 份` });
    rows.push({ key: 'unit', label: '每份', text: approxYuan(totalFen / a.weightTotal) });
  }
  return rows;
}

/**
 * What a published disclosure shows that is derived from other records (houses, areas, buildings), fixed at sign-off,
 * stored with it and inside its hash: editing houses afterwards never changes what was published.
 */
export interface DisclosureFacts {
  /** shared_cost: how the total was shared, and the SHA-256 of every house's share as written then. */
  allocation?: Omit<AllocationSummary, 'agreed'>;
  sharesSha256?: string;
  /**
   * maintenance_fund: whether the vote each withdrawal cites had passed (by line seq). The estate's area and owners
   * then: only in versions published before withdrawals cited a vote (their counts were typed in).
   */
  fund?: { totalAreaCenti?: number; totalHeads?: number; passed: Record<string, boolean> };
  /** vote_result: the closed vote's matter, options and frozen tally. */
  vote?: { voteId: number; matter: VoteMatter; title: string; options: string[]; openedAt: string; closedAt: string; tally: VoteTally };
}

export interface CreateDisclosureInput {
  communityId: number;
  type: DisclosureType;
  period: string;
  title: string;
  content?: DisclosureContent;
  lines: DisclosureLineInput[];
}

export type UpdateDisclosureInput = Partial<Omit<CreateDisclosureInput, 'communityId' | 'type'>>;

export interface DisclosureLineView extends DisclosureLineInput {
  id: number;
  seq: number;
  attachments: { id: number; url: string; thumbnailUrl: string | null; kind: 'image' | 'pdf' }[];
  /** In review: a committee member approved it since it last changed and no query on it is open (已通过). */
  approved: boolean;
}

/** Totals the server computes from the lines (never typed in). */
export interface DisclosureTotals {
  totalFen: number;
  [key: string]: number | null;
}

export interface ReviewView {
  id: number;
  lineId: number | null;
  reviewer: string;
  decision: 'approve' | 'query';
  comment: string | null;
  answer: string | null;
  answeredAt: string | null;
  round: number;
  createdAt: string;
}

export interface QuestionView {
  id: number;
  lineId: number | null;
  /** "3栋业主": askers are not named to other residents. */
  asker: string;
  text: string;
  answer: string | null;
  answeredAt: string | null;
  dueAt: string;
  overdue: boolean;
  /** A joint meeting took it up: "2026-12-05 协调委员会会议列入议题" or "联席会议定：…（期限 …）"; no names. */
  meetingNote: string | null;
  createdAt: string;
}

export interface DisclosureSummary {
  id: number;
  communityId: number;
  type: DisclosureType;
  period: string;
  title: string;
  state: DisclosureState;
  version: number;
  totals: DisclosureTotals;
  publishedAt: string | null;
  /** Shown on the board until (≥ 30 days after publication). */
  boardUntil: string | null;
  hash: string | null;
  openQuestions: number;
}

export interface DisclosureView extends DisclosureSummary {
  content: DisclosureContent;
  lines: DisclosureLineView[];
  reviewRound: number;
  reviews: ReviewView[];
  questions: QuestionView[];
  /** Every version of this disclosure, newest first, with the reason for each correction. */
  versions: { id: number; version: number; state: DisclosureState; correctionReason: string | null; publishedAt: string | null; hash: string | null }[];
  correctionReason: string | null;
  /** shared_cost: how the total is shared and among how many houses (never which ones); null for other types. */
  allocation: AllocationSummary | null;
  /** shared_cost: the caller's own houses and their shares. */
  myShares: { houseId: number; house: string; shareFen: number; basis: string }[];
  /** vote_result: the vote and its result as frozen at close (totals only, never a ballot). */
  vote?: DisclosureFacts['vote'] | null;
  /** What the caller may do now (DISCLOSURE_TRANSITIONS): the app's buttons. */
  can: Record<DisclosureStep, boolean>;
  /** Why a step the caller could otherwise take is held back now (the chair's sign-off while queries are open). */
  blocked: Partial<Record<DisclosureStep, string>>;
  rowVersion: number;
}

export interface ChainEntry {
  id: number;
  seq: number;
  type: DisclosureType;
  period: string;
  version: number;
  publishedAt: string;
  hash: string;
  prevHash: string | null;
}

export interface ChainVerification {
  valid: boolean;
  checked: number;
  brokenAt?: { id: number; seq: number; reason: 'content_changed' | 'chain_broken' };
}

export interface ComplianceItem {
  type: DisclosureType;
  period: string;
  dueBy: string;
  status: 'published' | 'published_late' | 'due' | 'overdue';
  disclosureId: number | null;
}

export interface ComplianceView {
  communityId: number;
  asOf: string;
  items: ComplianceItem[];
  overdue: number;
  unansweredQuestionsOverdue: number;
}

/**
 * Splits `total` fen over weights so the shares add up to the total exactly: each gets the floor of its exact
 * share, and the fen left over go one each to the largest remainders (ties: the earlier item).
 */
export function allocateLargestRemainder(total: number, weights: number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('total must be a non-negative integer of fen');
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!weights.length || sum <= 0 || weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('weights must be non-negative integers with a positive sum');
  // Exact arithmetic in BigInt: total × weight can exceed 2^53 for large estates.
  const bigTotal = BigInt(total);
  const bigSum = BigInt(sum);
  const floors = weights.map((w) => (bigTotal * BigInt(w)) / bigSum);
  const remainders = weights.map((w, i) => ({ i, r: (bigTotal * BigInt(w)) % bigSum }));
  let left = total - Number(floors.reduce((a, b) => a + b, BigInt(0)));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const shares = floors.map(Number);
  for (const { i } of remainders) {
    if (left <= 0) break;
    shares[i] += 1;
    left--;
  }
  return shares;
}

/** Canonical JSON: object keys sorted at every level, no whitespace. What the tamper-evidence hash is taken over. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
