import {
  DISCLOSURE_LINE_KINDS,
  INCOME_CATEGORY_LABELS,
  shanghaiDate,
  type DisclosureLineInput,
  type DisclosureLineView,
  type DisclosureTotals,
  type DisclosureType,
} from '@wuye/contracts';
import type { UploadedVoucher } from '../../../services/disclosures';
import { displayFen, fenToYuanInput, parseYuanInput } from './money';

/** What a line of each kind shows and asks for (the API checks the same fields: disclosure-rules.ts). */

export const LINE_KIND_LABELS: Record<string, string> = {
  fee_item: '收费项目',
  building: '楼栋',
  income: '收入',
  cost: '成本',
  use: '使用',
  meter: '表计',
  expense: '支出',
  withdrawal: '使用维修资金',
};

/** What the amount of a line means, per kind. building lines have none: received is the amount. */
export const AMOUNT_LABELS: Record<string, string | null> = {
  fee_item: '单价（元）',
  building: null,
  income: '收入金额（元）',
  cost: '成本金额（元）',
  use: '使用金额（元）',
  meter: '费用（元）',
  expense: '支出金额（元）',
  withdrawal: '使用金额（元）',
};

/** Lines whose kind needs a voucher before submission (the operator proves its costs). */
export const NEEDS_VOUCHER = new Set(['cost', 'expense', 'withdrawal']);

type FieldKind = 'text' | 'choice' | 'yuan' | 'area' | 'int' | 'quantity' | 'date';

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  choices?: { value: string; label: string }[];
}

const choice = (entries: Record<string, string>) => Object.entries(entries).map(([value, label]) => ({ value, label }));
const units = (values: string[]) => values.map((value) => ({ value, label: value }));

export const LINE_FIELD_SPECS: Record<string, FieldSpec[]> = {
  fee_item: [
    { name: 'unit', label: '计价单位', kind: 'choice', required: true, choices: units(['元/㎡·月', '元/月', '元/次', '元/年', '元/辆·月']) },
    { name: 'propertyType', label: '物业类型', kind: 'text', required: false },
  ],
  building: [
    { name: 'receivableFen', label: '应收（元）', kind: 'yuan', required: true },
    { name: 'receivedFen', label: '实收（元）', kind: 'yuan', required: true },
  ],
  income: [
    { name: 'category', label: '收益类别', kind: 'choice', required: true, choices: choice(INCOME_CATEGORY_LABELS) },
    { name: 'counterparty', label: '合作方', kind: 'text', required: true },
    { name: 'contractNo', label: '合同编号', kind: 'text', required: false },
  ],
  cost: [],
  use: [{ name: 'usage', label: '用途', kind: 'choice', required: true, choices: choice({ maintenance_fund: '补充专项维修资金', owners_decision: '按业主大会决定使用' }) }],
  meter: [
    { name: 'meterKind', label: '表计类别', kind: 'choice', required: true, choices: choice({ electricity: '电', water: '水', gas: '燃气', other: '其他' }) },
    { name: 'quantity', label: '用量', kind: 'quantity', required: true },
    { name: 'unit', label: '单位', kind: 'choice', required: true, choices: units(['kWh', 'm³', '吨', '次']) },
  ],
  expense: [
    { name: 'category', label: '维保类别', kind: 'choice', required: true, choices: choice({ elevator: '电梯', fire: '消防', other: '其他' }) },
    { name: 'contractor', label: '承包单位', kind: 'text', required: true },
    { name: 'date', label: '日期（年-月-日）', kind: 'date', required: true },
  ],
  withdrawal: [
    { name: 'date', label: '使用日期（年-月-日）', kind: 'date', required: true },
    { name: 'areaForCenti', label: '同意面积（㎡）', kind: 'area', required: true },
    { name: 'areaAgainstCenti', label: '反对面积（㎡）', kind: 'area', required: true },
    { name: 'areaAbstainCenti', label: '弃权面积（㎡）', kind: 'area', required: true },
    { name: 'headsFor', label: '同意人数', kind: 'int', required: true },
    { name: 'headsAgainst', label: '反对人数', kind: 'int', required: true },
    { name: 'headsAbstain', label: '弃权人数', kind: 'int', required: true },
  ],
};

/** A field of a line as residents read it: "收益类别：广告收入". */
export function fieldText(spec: FieldSpec, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  switch (spec.kind) {
    case 'choice':
      return spec.choices?.find((c) => c.value === value)?.label ?? String(value);
    case 'yuan':
      return typeof value === 'number' ? displayFen(value) : String(value);
    case 'area':
      return typeof value === 'number' ? `${fenToYuanInput(value)} ㎡` : String(value);
    default:
      return String(value);
  }
}

/** The readable fields of a published line, in the order of its kind. */
export function lineFieldRows(line: Pick<DisclosureLineView, 'kind' | 'fields'>): { label: string; text: string }[] {
  const rows: { label: string; text: string }[] = [];
  for (const spec of LINE_FIELD_SPECS[line.kind] ?? []) {
    const text = fieldText(spec, line.fields?.[spec.name]);
    if (text !== null) rows.push({ label: spec.label.replace(/（元）|（㎡）|（年-月-日）/, ''), text });
  }
  if (line.kind === 'withdrawal' && typeof line.fields?.votePassed === 'boolean') {
    rows.push({ label: '业主表决', text: line.fields.votePassed ? '已通过（双三分之二参与、过半数同意）' : '未达到法定表决要求' });
  }
  return rows;
}

// ─── The editor's lines ────────────────────────────────────────────────────────────────────────────────────

export interface LineDraft {
  /** Stable key while editing (new lines have no id yet). */
  key: string;
  /** The saved line this is: sent back so the line keeps its id (and the committee's queries on it). */
  id?: number;
  kind: string;
  item: string;
  amountYuan: string;
  fields: Record<string, string>;
  attachments: UploadedVoucher[];
}

let draftCounter = 0;
export const newDraftKey = () => `line-${++draftCounter}`;

export function emptyLine(type: DisclosureType, kind = DISCLOSURE_LINE_KINDS[type][0]): LineDraft {
  return { key: newDraftKey(), kind, item: '', amountYuan: '', fields: {}, attachments: [] };
}

function fieldToInput(spec: FieldSpec, value: unknown): string {
  if (value === undefined || value === null) return '';
  if ((spec.kind === 'yuan' || spec.kind === 'area') && typeof value === 'number') return fenToYuanInput(value);
  return String(value);
}

/** A saved line as the editor shows it. */
export function lineToDraft(line: DisclosureLineView): LineDraft {
  const fields: Record<string, string> = {};
  for (const spec of LINE_FIELD_SPECS[line.kind] ?? []) fields[spec.name] = fieldToInput(spec, line.fields?.[spec.name]);
  return {
    key: newDraftKey(),
    id: line.id,
    kind: line.kind,
    item: line.item,
    amountYuan: typeof line.amountFen === 'number' ? fenToYuanInput(line.amountFen) : '',
    fields,
    attachments: line.attachments.map((a) => ({ id: a.id, url: a.url, thumbnailUrl: a.thumbnailUrl, kind: a.kind })),
  };
}

export interface DraftProblem {
  /** 1-based line number, as the API names lines. */
  line: number;
  field: string;
  problem: string;
}

function parseField(spec: FieldSpec, raw: string): { value: string | number | null; problem: string | null } {
  const text = raw.trim();
  if (text === '') return { value: null, problem: spec.required ? `${spec.label}不能为空` : null };
  switch (spec.kind) {
    case 'yuan':
    case 'area': {
      const parsed = parseYuanInput(text);
      return parsed.error === null ? { value: parsed.fen, problem: null } : { value: null, problem: `${spec.label}：${parsed.error.replace('金额', spec.kind === 'area' ? '面积' : '金额')}` };
    }
    case 'int':
      return /^\d{1,8}$/.test(text) ? { value: Number(text), problem: null } : { value: null, problem: `${spec.label}应为整数` };
    case 'quantity':
      return /^\d{1,12}(\.\d{1,3})?$/.test(text) ? { value: Number(text), problem: null } : { value: null, problem: `${spec.label}应为数字，最多三位小数` };
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? { value: text, problem: null } : { value: null, problem: `${spec.label}应写成 2026-03-15 这样` };
    default:
      return { value: text, problem: null };
  }
}

/** The lines as the API takes them, or what to fix first (line and field named). */
export function draftsToInput(lines: LineDraft[]): { lines: DisclosureLineInput[]; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const out = lines.map((draft, index): DisclosureLineInput => {
    const n = index + 1;
    if (!draft.item.trim()) problems.push({ line: n, field: 'item', problem: '请填写项目名称' });
    let amountFen: number | undefined;
    if (AMOUNT_LABELS[draft.kind] !== null) {
      const parsed = parseYuanInput(draft.amountYuan);
      if (parsed.error !== null) problems.push({ line: n, field: 'amountFen', problem: parsed.error });
      else amountFen = parsed.fen;
    }
    const fields: Record<string, string | number> = {};
    for (const spec of LINE_FIELD_SPECS[draft.kind] ?? []) {
      const { value, problem } = parseField(spec, draft.fields[spec.name] ?? '');
      if (problem) problems.push({ line: n, field: spec.name, problem });
      if (value !== null) fields[spec.name] = value;
    }
    return { ...(draft.id ? { id: draft.id } : {}), kind: draft.kind, item: draft.item.trim(), amountFen, fields, attachmentIds: draft.attachments.map((a) => a.id) };
  });
  return { lines: out, problems };
}

/** The amount a draft line adds to its totals while the manager types (0 until it parses). */
function draftAmount(draft: LineDraft): number {
  if (draft.kind === 'building') return parseYuanInput(draft.fields.receivedFen ?? '').fen ?? 0;
  return parseYuanInput(draft.amountYuan).fen ?? 0;
}

/** The same totals the server computes from the lines (disclosure-rules.ts computeTotals), live in the editor. */
export function draftTotals(type: DisclosureType, lines: LineDraft[], openingBalanceFen = 0): DisclosureTotals {
  const sum = (kind?: string, pick: (d: LineDraft) => boolean = () => true) =>
    lines.filter((l) => (!kind || l.kind === kind) && pick(l)).reduce((a, l) => a + draftAmount(l), 0);
  switch (type) {
    case 'fee_standard':
      return { totalFen: 0, items: lines.length };
    case 'fee_collection': {
      const receivable = lines.reduce((a, l) => a + (parseYuanInput(l.fields.receivableFen ?? '').fen ?? 0), 0);
      const received = sum();
      return { totalFen: received, receivableFen: receivable, receivedFen: received, collectionRateBp: receivable ? Math.round((received * 10000) / receivable) : null };
    }
    case 'public_income': {
      const income = sum('income');
      const cost = sum('cost');
      const used = sum('use');
      return { totalFen: income, incomeFen: income, costFen: cost, netFen: income - cost, usedFen: used, openingBalanceFen, closingBalanceFen: openingBalanceFen + income - cost - used };
    }
    case 'maintenance_expense':
      return { totalFen: sum(), elevatorFen: sum(undefined, (l) => l.fields.category === 'elevator'), fireFen: sum(undefined, (l) => l.fields.category === 'fire') };
    default:
      return { totalFen: sum() };
  }
}

/** Totals as labelled rows, for the editor and the published page alike. */
export function totalRows(type: DisclosureType, totals: DisclosureTotals): { key: string; label: string; text: string }[] {
  const money = (key: string, label: string) => ({ key, label, text: displayFen(totals[key] as number | null) });
  switch (type) {
    case 'fee_standard':
      return [{ key: 'items', label: '收费项目', text: `${totals.items ?? 0} 项` }];
    case 'fee_collection': {
      const bp = totals.collectionRateBp;
      return [
        money('receivableFen', '应收合计'),
        money('receivedFen', '实收合计'),
        { key: 'collectionRateBp', label: '收缴率', text: typeof bp === 'number' ? `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%` : '—' },
      ];
    }
    case 'public_income':
      return [
        money('incomeFen', '收入合计'),
        money('costFen', '成本合计'),
        money('netFen', '净收益'),
        money('usedFen', '已使用'),
        money('openingBalanceFen', '期初余额'),
        money('closingBalanceFen', '期末余额'),
      ];
    case 'maintenance_expense':
      return [money('totalFen', '支出合计'), money('elevatorFen', '其中电梯'), money('fireFen', '其中消防')];
    case 'shared_cost':
      return [money('totalFen', '公摊合计')];
    case 'maintenance_fund':
      return [money('totalFen', '使用合计')];
  }
}

// ─── Periods ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Periods to pick from for a type, newest first: months for shared costs, quarters (and months) for public
 * income, quarters and the year for the others. Shanghai time.
 */
export function recentPeriods(type: DisclosureType | null, now: Date, count = 6): string[] {
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  const months: string[] = [];
  for (let back = 0; back < count; back++) {
    const d = new Date(Date.UTC(year, month - back, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  const quarters: string[] = [];
  for (let back = 0; back < Math.min(count, 4); back++) {
    const q = Math.floor(month / 3) - back;
    const qYear = year + Math.floor(q / 4);
    quarters.push(`${qYear}-Q${(((q % 4) + 4) % 4) + 1}`);
  }
  if (type === 'shared_cost') return months;
  if (type === 'public_income') return quarters;
  if (type === 'fee_standard') return [String(year), String(year - 1)];
  if (type === null) return [...quarters.slice(0, 2), ...months.slice(0, 3), String(year)];
  return [...quarters, String(year)];
}
