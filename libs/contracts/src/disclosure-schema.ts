/**
 * What a disclosure is made of and how it moves, as plain data: the line schema (what each kind of line shows and
 * asks for) and the lifecycle (who may take which step from which state). The API checks lines and steps against
 * these, the .xlsx export labels its columns from them, and the mini-program builds its editor and buttons from
 * them. One copy; labels and rules cannot drift apart.
 */
import { formatYuan } from './money';
import type { DisclosureContent, DisclosureState, DisclosureTotals, DisclosureType } from './disclosures';
import { INSPECTION_SECTION_LABELS } from './inspections';

// ─── Lines ──────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * text: 1–max characters; choice: one of choices; fen: money; area: 0.01 m²; count: a whole number; quantity: ≤ 3
 * decimals; date: YYYY-MM-DD; vote: a closed owners' vote of the estate, by id (never shown as a number).
 */
export type LineFieldKind = 'text' | 'choice' | 'fen' | 'area' | 'count' | 'quantity' | 'date' | 'vote';

export interface LineFieldSchema {
  name: string;
  /** As residents read it: "收益类别", "应收". Units come from the kind (元, ㎡). */
  label: string;
  kind: LineFieldKind;
  required: boolean;
  /** text: the most characters. */
  max?: number;
  choices?: readonly { value: string; label: string }[];
}

export interface LineKindSchema {
  label: string;
  /** What the line's amount means ("收入金额"); null when the amount is a field (a building's receipts). */
  amountLabel: string | null;
  /** The operator must prove it: a voucher before the disclosure goes to the committee. */
  needsVoucher: boolean;
  fields: readonly LineFieldSchema[];
}

export const LINE_ITEM_MAX = 200;
export const LINE_VOUCHERS_MAX = 20;
export const DISCLOSURE_LINES_MAX = 500;
/** 1000亿元: more than any estate's account. */
export const DISCLOSURE_FEN_MAX = 10_000_000_000_000;
export const LINE_COUNT_MAX = 10_000_000;

const choices = (entries: Record<string, string>) => Object.entries(entries).map(([value, label]) => ({ value, label }));
const same = (values: string[]) => values.map((value) => ({ value, label: value }));
const field = (name: string, label: string, kind: LineFieldKind, more: Partial<LineFieldSchema> = {}): LineFieldSchema => ({ name, label, kind, required: true, ...more });

export const INCOME_CATEGORY_LABELS = {
  advertising: '广告收入',
  parking: '公共区域停车',
  venue: '场地租赁',
  base_station: '通信基站租金',
  other: '其他',
} as const;

export const DISCLOSURE_LINE_SCHEMA = {
  fee_item: {
    label: '收费项目',
    amountLabel: '单价',
    needsVoucher: false,
    fields: [field('unit', '计价单位', 'choice', { choices: same(['元/㎡·月', '元/月', '元/次', '元/年', '元/辆·月']) }), field('propertyType', '物业类型', 'text', { required: false, max: 16 })],
  },
  building: {
    label: '楼栋',
    amountLabel: null,
    needsVoucher: false,
    fields: [field('receivableFen', '应收', 'fen'), field('receivedFen', '实收', 'fen')],
  },
  income: {
    label: '收入',
    amountLabel: '收入金额',
    needsVoucher: false,
    fields: [field('category', '收益类别', 'choice', { choices: choices(INCOME_CATEGORY_LABELS) }), field('counterparty', '合作方', 'text', { max: 100 }), field('contractNo', '合同编号', 'text', { required: false, max: 50 })],
  },
  cost: { label: '成本', amountLabel: '成本金额', needsVoucher: true, fields: [] },
  use: {
    label: '使用',
    amountLabel: '使用金额',
    needsVoucher: false,
    fields: [field('usage', '用途', 'choice', { choices: choices({ maintenance_fund: '补充专项维修资金', owners_decision: '按业主大会决定使用' }) })],
  },
  meter: {
    label: '表计',
    amountLabel: '费用',
    needsVoucher: false,
    fields: [
      field('meterKind', '表计类别', 'choice', { choices: choices({ electricity: '电', water: '水', gas: '燃气', other: '其他' }) }),
      field('quantity', '用量', 'quantity'),
      field('unit', '单位', 'choice', { choices: same(['kWh', 'm³', '吨', '次']) }),
    ],
  },
  expense: {
    label: '支出',
    amountLabel: '支出金额',
    needsVoucher: true,
    fields: [field('category', '维保类别', 'choice', { choices: choices({ elevator: '电梯', fire: '消防', other: '其他' }) }), field('contractor', '承包单位', 'text', { max: 100 }), field('date', '日期', 'date')],
  },
  withdrawal: {
    label: '使用维修资金',
    amountLabel: '使用金额',
    needsVoucher: true,
    fields: [
      field('date', '使用日期', 'date'),
      // 民法典 278: the owners' vote that decided it, cited by id; its frozen result says whether it passed.
      field('voteId', '业主表决', 'vote'),
    ],
  },
  /** 服务清单: one service of the contract, by the sections of the graded service standard, with its staffing. */
  service: {
    label: '服务项目',
    amountLabel: null,
    needsVoucher: false,
    fields: [
      field('section', '服务类别', 'choice', { choices: choices(INSPECTION_SECTION_LABELS) }),
      field('standard', '服务标准', 'text', { max: 200 }),
      field('staff', '人员配置（人）', 'count'),
    ],
  },
} as const satisfies Record<string, LineKindSchema>;

export type LineKind = keyof typeof DISCLOSURE_LINE_SCHEMA;

/** The line kinds each type accepts. */
export const DISCLOSURE_LINE_KINDS: Record<DisclosureType, readonly LineKind[]> = {
  fee_standard: ['fee_item'],
  fee_collection: ['building'],
  public_income: ['income', 'cost', 'use'],
  shared_cost: ['meter'],
  maintenance_expense: ['expense'],
  maintenance_fund: ['withdrawal'],
  vote_result: [],
  service_list: ['service'],
};

export const lineKindSchema = (kind: string): LineKindSchema | undefined => (DISCLOSURE_LINE_SCHEMA as Record<string, LineKindSchema>)[kind];
export const lineFields = (kind: string): readonly LineFieldSchema[] => lineKindSchema(kind)?.fields ?? [];

/** A label with the unit its kind is written in: "应收（元）", "同意面积（㎡）". */
export function fieldLabelWithUnit(spec: Pick<LineFieldSchema, 'label' | 'kind'>): string {
  return spec.kind === 'fen' ? `${spec.label}（元）` : spec.kind === 'area' ? `${spec.label}（㎡）` : spec.label;
}

/** A stored field value as residents read it: the choice's label, ¥ for money, ㎡ for areas. */
export function fieldText(spec: LineFieldSchema, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  switch (spec.kind) {
    case 'choice':
      return spec.choices?.find((c) => c.value === value)?.label ?? String(value);
    case 'fen':
      return typeof value === 'number' ? formatYuan(value) : String(value);
    case 'area':
      return typeof value === 'number' ? `${(value / 100).toFixed(2)} ㎡` : String(value);
    case 'vote':
      // An id means nothing to a reader: the API adds the vote's title and result beside it.
      return null;
    default:
      return String(value);
  }
}

// ─── Totals ─────────────────────────────────────────────────────────────────────────────────────────────────

/** A line as the totals read it: amount and fields, already checked (the editor passes what parsed so far). */
export interface TotalsLine {
  kind: string;
  amountFen: number | null;
  fields: Record<string, unknown>;
}

/** Totals of a disclosure from its lines: computed, never typed in. The API stores these; the editor shows them live. */
export function computeTotals(type: DisclosureType, content: Pick<DisclosureContent, 'openingBalanceFen'>, lines: readonly TotalsLine[]): DisclosureTotals {
  const amount = (l: TotalsLine) => (l.kind === 'building' ? Number(l.fields.receivedFen ?? 0) : (l.amountFen ?? 0));
  const sum = (pick: (l: TotalsLine) => boolean = () => true) => lines.filter(pick).reduce((a, l) => a + amount(l), 0);
  const ofKind = (kind: string) => sum((l) => l.kind === kind);
  switch (type) {
    case 'fee_standard':
      return { totalFen: 0, items: lines.length };
    case 'service_list':
      return { totalFen: 0, items: lines.length, staff: lines.reduce((a, l) => a + Number(l.fields.staff ?? 0), 0) };
    case 'fee_collection': {
      const receivable = lines.reduce((a, l) => a + Number(l.fields.receivableFen ?? 0), 0);
      const received = sum();
      return { totalFen: received, receivableFen: receivable, receivedFen: received, collectionRateBp: receivable ? Math.round((received * 10000) / receivable) : null };
    }
    case 'public_income': {
      const income = ofKind('income');
      const cost = ofKind('cost');
      const used = ofKind('use');
      const opening = content.openingBalanceFen ?? 0;
      return { totalFen: income, incomeFen: income, costFen: cost, netFen: income - cost, usedFen: used, openingBalanceFen: opening, closingBalanceFen: opening + income - cost - used };
    }
    case 'maintenance_expense':
      return { totalFen: sum(), elevatorFen: sum((l) => l.fields.category === 'elevator'), fireFen: sum((l) => l.fields.category === 'fire') };
    case 'shared_cost':
    case 'maintenance_fund':
      return { totalFen: sum() };
    case 'vote_result':
      return { totalFen: 0 };
  }
}

/** The totals of each type as labelled rows, the headline first: the published page, the editor, the export. */
export const TOTAL_ROWS: Record<DisclosureType, readonly { key: string; label: string; kind: 'fen' | 'rate' | 'count'; unit?: string }[]> = {
  fee_standard: [{ key: 'items', label: '收费项目', kind: 'count' }],
  fee_collection: [
    { key: 'receivableFen', label: '应收合计', kind: 'fen' },
    { key: 'receivedFen', label: '实收合计', kind: 'fen' },
    { key: 'collectionRateBp', label: '收缴率', kind: 'rate' },
  ],
  public_income: [
    { key: 'incomeFen', label: '收入合计', kind: 'fen' },
    { key: 'costFen', label: '成本合计', kind: 'fen' },
    { key: 'netFen', label: '净收益', kind: 'fen' },
    { key: 'usedFen', label: '已使用', kind: 'fen' },
    { key: 'openingBalanceFen', label: '期初余额', kind: 'fen' },
    { key: 'closingBalanceFen', label: '期末余额', kind: 'fen' },
  ],
  shared_cost: [{ key: 'totalFen', label: '公摊合计', kind: 'fen' }],
  maintenance_expense: [
    { key: 'totalFen', label: '支出合计', kind: 'fen' },
    { key: 'elevatorFen', label: '其中电梯', kind: 'fen' },
    { key: 'fireFen', label: '其中消防', kind: 'fen' },
  ],
  maintenance_fund: [{ key: 'totalFen', label: '使用合计', kind: 'fen' }],
  vote_result: [],
  service_list: [
    { key: 'items', label: '服务项目', kind: 'count' },
    { key: 'staff', label: '人员配置', kind: 'count', unit: '人' },
  ],
};

/** "86.25%" from basis points; "—" when there was nothing to collect. */
export const basisPointsText = (bp: unknown) => (typeof bp === 'number' ? `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%` : '—');

/** Totals as labelled rows in words. */
export function totalRows(type: DisclosureType, totals: DisclosureTotals): { key: string; label: string; text: string }[] {
  return TOTAL_ROWS[type].map((row) => {
    const value = totals[row.key];
    const text = row.kind === 'rate' ? basisPointsText(value) : row.kind === 'count' ? `${value ?? 0} ${row.unit ?? '项'}` : typeof value === 'number' ? formatYuan(value) : '—';
    return { key: row.key, label: row.label, text };
  });
}

// ─── The lifecycle ──────────────────────────────────────────────────────────────────────────────────────────

export const DISCLOSURE_STEPS = ['edit', 'submit', 'withdraw', 'review', 'answerReview', 'signOff', 'correct', 'ask', 'answerQuestion'] as const;
export type DisclosureStep = (typeof DISCLOSURE_STEPS)[number];

export interface DisclosureStepRule {
  label: string;
  from: readonly DisclosureState[];
  /** The state it leads to; none when the disclosure stays where it is (a review, an answer) or a new version is made. */
  to?: DisclosureState;
  /** The API's access policy for the step (apps/api identity/policies.ts), checked in the disclosure's estate. */
  policy: 'disclosures.write' | 'disclosures.review' | 'disclosures.signoff' | 'disclosures.ask';
  /** Said when the disclosure is in a state the step does not start from… */
  notNow: string;
  /** …or this, in these states. */
  notFrom?: Partial<Record<DisclosureState, string>>;
}

/**
 * 公示 and 业账社审 as one table: the manager drafts (edit, submit), the committee reviews line by line and the manager
 * answers its queries (review, answerReview), the manager may take a draft back to revise it (withdraw), the chair
 * signs it off (published: hashed and chained), a correction is a new version (correct); residents ask (ask) and the
 * manager answers (answerQuestion). A published version never changes.
 */
export const DISCLOSURE_TRANSITIONS: Record<DisclosureStep, DisclosureStepRule> = {
  edit: { label: '修改', from: ['draft'], policy: 'disclosures.write', notNow: '审核中的公示不能修改，请先撤回' },
  submit: { label: '提交审核', from: ['draft'], to: 'in_review', policy: 'disclosures.write', notNow: '审核中的公示不能再次提交' },
  withdraw: { label: '撤回修改', from: ['in_review'], to: 'draft', policy: 'disclosures.write', notNow: '该公示不在审核中，无需撤回' },
  review: { label: '审核', from: ['in_review'], policy: 'disclosures.review', notNow: '该公示尚未提交审核' },
  answerReview: { label: '回复质疑', from: ['draft', 'in_review'], policy: 'disclosures.write', notNow: '该公示尚未提交审核' },
  signOff: { label: '签发公示', from: ['in_review'], to: 'published', policy: 'disclosures.signoff', notNow: '该公示尚未提交审核' },
  correct: { label: '更正', from: ['published'], policy: 'disclosures.write', notNow: '只有已公示的内容需要更正；草稿可直接修改', notFrom: { superseded: '这一版已被更正，请更正最新的版本' } },
  ask: { label: '质询', from: ['published', 'superseded'], policy: 'disclosures.ask', notNow: '公示发布后才能提出质询' },
  answerQuestion: { label: '回复质询', from: ['published', 'superseded'], policy: 'disclosures.write', notNow: '公示发布后才有质询' },
};

/** A published (or superseded) version is never changed: only the steps that start there apply to it. */
export const isPublished = (state: DisclosureState) => state === 'published' || state === 'superseded';
