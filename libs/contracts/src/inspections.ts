/**
 * 动态监管: inspections against checklist templates (季度抽查, 联合检查, 投诉溯源) and the rectification orders
 * (整改单, 限期整改、跟踪销号) their failed items become. The order lifecycle is data (RECTIFICATION_TRANSITIONS): the
 * API plans every step from it and answers `can`, the mini-program shows buttons from that answer only.
 */
import type { PhotoView } from './tickets';
import { addDays, shanghaiTimeOn } from './time';

// ─── Checklist templates ──────────────────────────────────────────────────────────────────────────────────────

/** The sections of the graded property-service standard a checklist is grouped by. */
export const INSPECTION_SECTION_LABELS = {
  management: '综合管理',
  order: '秩序维护',
  cleaning: '保洁',
  greening: '绿化',
  facilities: '设施设备',
  fire: '消防安全',
} as const;
export type InspectionSection = keyof typeof INSPECTION_SECTION_LABELS;
export const INSPECTION_SECTIONS = Object.keys(INSPECTION_SECTION_LABELS) as InspectionSection[];

export const TEMPLATE_ITEMS_MAX = 100;
export const TEMPLATE_ITEM_TEXT_MAX = 200;
export const ITEM_WEIGHT_MAX = 100;

export interface TemplateItem {
  /** Stable within the template: "i1", "i2"… results refer to it. */
  code: string;
  section: InspectionSection;
  text: string;
  /** 1–100: how much the item counts in the score. */
  weight: number;
}

export interface InspectionTemplateInput {
  areaId: number;
  name: string;
  items: Omit<TemplateItem, 'code'>[];
}

export interface InspectionTemplateView {
  id: number;
  areaId: number;
  areaName: string;
  name: string;
  items: TemplateItem[];
  updatedAt: string;
  can: { edit: boolean };
}

// ─── Inspections ──────────────────────────────────────────────────────────────────────────────────────────────

export const INSPECTION_KIND_LABELS = { quarterly: '季度抽查', joint: '联合检查', traced: '投诉溯源' } as const;
export type InspectionKind = keyof typeof INSPECTION_KIND_LABELS;
export const INSPECTION_KINDS = Object.keys(INSPECTION_KIND_LABELS) as InspectionKind[];

export const ITEM_RESULT_LABELS = { pass: '合格', fail: '不合格', na: '不适用' } as const;
export type ItemResult = keyof typeof ITEM_RESULT_LABELS;
export const ITEM_RESULTS = Object.keys(ITEM_RESULT_LABELS) as ItemResult[];

export const INSPECTORS_MAX = 10;
export const ITEM_PHOTOS_MAX = 9;
/** Days a failed item gives the company to rectify when the inspector sets none. */
export const RECTIFY_DAYS_DEFAULT = 15;
export const RECTIFY_DAYS_MAX = 90;

export interface ItemResultInput {
  code: string;
  result: ItemResult;
  /** Required for a failed item: what is wrong (the order's text to the company). */
  note?: string;
  photoIds?: number[];
  /** A failed item: days to rectify (default RECTIFY_DAYS_DEFAULT). */
  rectifyDays?: number;
}

export interface CreateInspectionInput {
  communityId: number;
  templateId: number;
  kind: InspectionKind;
  /** YYYY-MM-DD (Asia/Shanghai), not in the future. */
  inspectedOn: string;
  inspectors: string[];
  /** 投诉溯源: the tickets it traces (of the same estate). */
  tracedTicketIds?: number[];
  results: ItemResultInput[];
}

export interface InspectionItemView extends TemplateItem {
  result: ItemResult;
  note: string | null;
  photos: PhotoView[];
  rectificationId: number | null;
}

export interface OrderCounts {
  issued: number;
  open: number;
  closed: number;
  overdue: number;
}

/** What residents of the estate see: no inspectors' notes, no names. */
export interface InspectionSummary {
  id: number;
  communityId: number;
  communityName: string;
  kind: InspectionKind;
  inspectedOn: string;
  /** 0–100 with one decimal; null when every item was n/a. */
  score: number | null;
  orders: OrderCounts;
}

export interface InspectionView extends InspectionSummary {
  templateName: string;
  companyName: string | null;
  issuingArea: string;
  inspectors: string[];
  tracedTicketIds: number[];
  items: InspectionItemView[];
  createdAt: string;
}

/**
 * The score from the weights: the share of the applicable weight that passed, 0–100 with one decimal. Items marked
 * n/a count neither way; with nothing applicable there is no score.
 */
export function inspectionScore(items: readonly { weight: number; result: ItemResult }[]): number | null {
  const applicable = items.filter((i) => i.result !== 'na');
  const total = applicable.reduce((sum, i) => sum + i.weight, 0);
  if (!total) return null;
  const passed = applicable.filter((i) => i.result === 'pass').reduce((sum, i) => sum + i.weight, 0);
  return Math.round((passed * 1000) / total) / 10;
}

// ─── Rectification orders ─────────────────────────────────────────────────────────────────────────────────────

export const RECTIFICATION_STATE_LABELS = { open: '待整改', replied: '待销号', returned: '退回整改', verified: '已销号' } as const;
export type RectificationState = keyof typeof RECTIFICATION_STATE_LABELS;
export const RECTIFICATION_STATES = Object.keys(RECTIFICATION_STATE_LABELS) as RectificationState[];
/** Still the company's to act on: these count as open and may become overdue. */
export const RECTIFYING_STATES: readonly RectificationState[] = ['open', 'returned'];

/** Who takes a step: the serving company's project manager, the inspecting office (anyone who may inspect the estate), the scheduler. */
export type RectificationActor = 'manager' | 'issuer' | 'system';

export interface RectificationRule {
  label: string;
  from: readonly RectificationState[];
  /** null: the state stays (a flag is set instead). */
  to: RectificationState | null;
  who: RectificationActor;
  /** What the step needs besides the version. */
  needs: { note?: 'required' | 'optional'; photos?: number };
  /** The refusal from any other state. */
  notNow: string;
}

export const RECTIFICATION_TRANSITIONS = {
  reply: { label: '回复整改', from: ['open', 'returned'], to: 'replied', who: 'manager', needs: { note: 'required', photos: 1 }, notNow: '只有待整改或退回整改的整改单可以回复' },
  verify: { label: '销号', from: ['replied'], to: 'verified', who: 'issuer', needs: { note: 'optional' }, notNow: '物业回复整改后才能销号' },
  return: { label: '退回', from: ['replied'], to: 'returned', who: 'issuer', needs: { note: 'required' }, notNow: '物业回复整改后才能退回' },
  overdue: { label: '逾期', from: ['open', 'returned'], to: null, who: 'system', needs: {}, notNow: '该整改单不在整改中' },
} as const satisfies Record<string, RectificationRule>;

export type RectificationStep = keyof typeof RECTIFICATION_TRANSITIONS;
/** The steps people take (the app's buttons). */
export const RECTIFICATION_ACTIONS = ['reply', 'verify', 'return'] as const satisfies readonly RectificationStep[];
export type RectificationAction = (typeof RECTIFICATION_ACTIONS)[number];

/** Timeline entries: issued, the steps above, and overdue. */
export const RECTIFICATION_EVENT_LABELS: Record<string, string> = {
  issued: '下发整改',
  reply: '回复整改',
  verify: '销号',
  return: '退回整改',
  overdue: '逾期未整改，转社区督办',
  /** A joint meeting took the order up (on its agenda, or an item decides it): the timeline says so, the state stays. */
  meeting: '已提交联席会',
};

/**
 * The one deadline rule: 18:00 (Asia/Shanghai) of the day `days` after the inspection. Overdue orders go to the
 * office's 督办 queue once this instant has passed.
 */
export function rectificationDeadline(inspectedOn: string, days: number): Date {
  return new Date(shanghaiTimeOn(addDays(inspectedOn, days)));
}

export interface RectificationEventView {
  id: number;
  action: string;
  actionLabel: string;
  actorName: string | null;
  fromState: RectificationState | null;
  toState: RectificationState | null;
  note: string | null;
  photos: PhotoView[];
  at: string;
}

export interface RectificationSummary {
  id: number;
  inspectionId: number;
  communityId: number;
  communityName: string;
  companyId: number;
  companyName: string;
  section: InspectionSection;
  itemText: string;
  state: RectificationState;
  deadlineAt: string;
  /** When it went past its deadline while the company still had it (督办); null otherwise. */
  overdueAt: string | null;
  version: number;
  updatedAt: string;
}

export interface RectificationView extends RectificationSummary {
  /** What the inspector found. */
  note: string;
  photos: PhotoView[];
  inspectedOn: string;
  inspectionKind: InspectionKind;
  timeline: RectificationEventView[];
  /** The steps the caller may take now; the page shows exactly these. */
  can: Record<RectificationAction, boolean>;
}

export interface RectificationStepInput {
  version: number;
  note?: string;
  photoIds?: number[];
}

// ─── Statistics ───────────────────────────────────────────────────────────────────────────────────────────────

export interface InspectionFigures {
  inspections: number;
  /** Average score of the inspections with a score, one decimal. */
  averageScore: number | null;
  ordersIssued: number;
  ordersClosed: number;
  /** Orders that went past their deadline while the company had them. */
  ordersOverdue: number;
  ordersOpen: number;
}

/** 隐患排查 beside the inspections in the area statistics. */
export interface PatrolFigures {
  /** Rounds of the estate's patrol plans that ended in the period with no check (PatrolStats.missed). */
  patrolsMissed: number;
  /** Rounds checked, but not in time: only outside the plan's window, or sent long after the time they claim (PatrolStats.late). */
  patrolsLate: number;
  /** Hazards open now past their category's deadline (the hazard register's 逾期). */
  hazardsOverdue: number;
}

export interface InspectionStats {
  area: { id: number; name: string };
  period: string;
  from: string;
  to: string;
  total: InspectionFigures & PatrolFigures;
  communities: ({ id: number; name: string } & InspectionFigures & PatrolFigures)[];
}
