import {
  ALLOCATION_METHODS,
  DISCLOSURE_LINE_KINDS,
  DISCLOSURE_TYPE_LABELS,
  INCOME_CATEGORIES,
  PERIOD_PATTERN,
  type DisclosureContent,
  type DisclosureLineInput,
  type DisclosureTotals,
  type DisclosureType,
  isCalendarDate,
} from '@wuye/contracts';

/**
 * What each disclosure type must contain, checked the same way on save, on submit and on publish, and the
 * totals computed from the lines (never typed in). Problems come back with the line number and field.
 */
export interface LineProblem {
  line?: number;
  field: string;
  problem: string;
}

type Fields = Record<string, string | number | boolean | null>;
type FieldRule = { name: string; label: string; required: boolean; check: (v: unknown) => string | null };

const MAX_FEN = 10_000_000_000_000; // 1000亿元: more than any estate's account
const isFen = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_FEN;
const text = (max: number) => (v: unknown) => (typeof v === 'string' && v.trim() && v.length <= max ? null : `应为 1–${max} 个字`);
const oneOf = (values: readonly string[]) => (v: unknown) => (typeof v === 'string' && values.includes(v) ? null : `应为 ${values.join('、')} 之一`);
const fen = (v: unknown) => (isFen(v) ? null : '应为不小于 0 的整数（分）');
const count = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 10_000_000 ? null : '应为不小于 0 的整数');
const date = (v: unknown) => (typeof v === 'string' && isCalendarDate(v) ? null : '应为日期（YYYY-MM-DD）');
const quantity = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1e12 && Math.round(v * 1000) === v * 1000 ? null : '应为不小于 0 的数，最多三位小数');

const f = (name: string, label: string, check: FieldRule['check'], required = true): FieldRule => ({ name, label, required, check });

/** Extra fields per line kind. */
const LINE_FIELDS: Record<string, FieldRule[]> = {
  fee_item: [f('unit', '计价单位', oneOf(['元/㎡·月', '元/月', '元/次', '元/年', '元/辆·月'])), f('propertyType', '物业类型', text(16), false)],
  building: [f('receivableFen', '应收（分）', fen), f('receivedFen', '实收（分）', fen)],
  income: [f('category', '收益类别', oneOf(INCOME_CATEGORIES)), f('counterparty', '合作方', text(100)), f('contractNo', '合同编号', text(50), false)],
  cost: [],
  use: [f('usage', '用途', oneOf(['maintenance_fund', 'owners_decision']))],
  meter: [f('meterKind', '表计类别', oneOf(['electricity', 'water', 'gas', 'other'])), f('quantity', '用量', quantity), f('unit', '单位', oneOf(['kWh', 'm³', '吨', '次']))],
  expense: [f('category', '维保类别', oneOf(['elevator', 'fire', 'other'])), f('contractor', '承包单位', text(100)), f('date', '日期', date)],
  withdrawal: [
    f('date', '使用日期', date),
    f('areaForCenti', '同意面积（0.01㎡）', count),
    f('areaAgainstCenti', '反对面积（0.01㎡）', count),
    f('areaAbstainCenti', '弃权面积（0.01㎡）', count),
    f('headsFor', '同意人数', count),
    f('headsAgainst', '反对人数', count),
    f('headsAbstain', '弃权人数', count),
  ],
};

/** Lines whose kind needs evidence attached (the operator must prove its costs; expenses need vouchers). */
const NEEDS_ATTACHMENT = new Set(['cost', 'expense', 'withdrawal']);
/** Lines whose amount is derived from fields, or is a price rather than money spent. */
const AMOUNT_FROM_FIELDS = new Set(['building']);

export const MAX_LINES = 500;

export function checkPeriod(type: DisclosureType, period: string): string | null {
  if (!PERIOD_PATTERN.test(period)) return '期间应为月份（2026-03）、季度（2026-Q1）或年份（2026）';
  if (type === 'shared_cost' && !/^\d{4}-\d{2}$/.test(period)) return '公摊费用按月公示，期间应为月份（2026-03）';
  if (type === 'public_income' && !/^\d{4}-(Q[1-4]|\d{2})$/.test(period)) return '公共收益至少按季度公示，期间应为季度（2026-Q1）或月份';
  return null;
}

export interface NormalisedLine {
  kind: string;
  item: string;
  amountFen: number | null;
  fields: Fields;
  attachmentIds: number[];
}

/** Checks lines for the type; returns them normalised (trimmed, only known fields) or the problems. */
export function checkLines(type: DisclosureType, lines: DisclosureLineInput[], forSubmission: boolean): { lines: NormalisedLine[]; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const out: NormalisedLine[] = [];
  if (lines.length > MAX_LINES) problems.push({ field: 'lines', problem: `最多 ${MAX_LINES} 行` });
  if (forSubmission && !lines.length) problems.push({ field: 'lines', problem: `${DISCLOSURE_TYPE_LABELS[type]}至少要有一行明细` });
  lines.slice(0, MAX_LINES).forEach((line, index) => {
    const n = index + 1;
    const before = problems.length;
    if (!DISCLOSURE_LINE_KINDS[type].includes(line.kind)) {
      problems.push({ line: n, field: 'kind', problem: `${DISCLOSURE_TYPE_LABELS[type]}的明细类别应为 ${DISCLOSURE_LINE_KINDS[type].join('、')}` });
      return;
    }
    const item = typeof line.item === 'string' ? line.item.trim() : '';
    if (!item || item.length > 200) problems.push({ line: n, field: 'item', problem: '项目名称应为 1–200 个字' });
    const fields: Fields = {};
    for (const rule of LINE_FIELDS[line.kind] ?? []) {
      const value = line.fields?.[rule.name];
      if (value === undefined || value === null || value === '') {
        if (rule.required) problems.push({ line: n, field: rule.name, problem: `${rule.label}不能为空` });
        continue;
      }
      const problem = rule.check(typeof value === 'string' ? value.trim() : value);
      if (problem) problems.push({ line: n, field: rule.name, problem: `${rule.label}${problem}` });
      else fields[rule.name] = typeof value === 'string' ? value.trim() : value;
    }
    const unknown = Object.keys(line.fields ?? {}).filter((k) => !(LINE_FIELDS[line.kind] ?? []).some((r) => r.name === k));
    if (unknown.length) problems.push({ line: n, field: 'fields', problem: `不认识的字段：${unknown.join('、')}` });
    let amountFen: number | null = null;
    if (AMOUNT_FROM_FIELDS.has(line.kind)) {
      amountFen = typeof fields.receivedFen === 'number' ? fields.receivedFen : null;
    } else if (line.amountFen === undefined || !isFen(line.amountFen)) {
      problems.push({ line: n, field: 'amountFen', problem: '金额应为不小于 0 的整数（分）' });
    } else {
      amountFen = line.amountFen;
    }
    const attachmentIds = line.attachmentIds ?? [];
    if (attachmentIds.length > 20) problems.push({ line: n, field: 'attachmentIds', problem: '每行最多 20 个凭证' });
    if (forSubmission && NEEDS_ATTACHMENT.has(line.kind) && !attachmentIds.length) {
      problems.push({ line: n, field: 'attachmentIds', problem: '请上传凭证（发票、合同或照片）' });
    }
    if (problems.length === before) out.push({ kind: line.kind, item, amountFen, fields, attachmentIds });
  });
  return { lines: out, problems };
}

export function checkContent(type: DisclosureType, content: DisclosureContent): { content: DisclosureContent; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const out: DisclosureContent = {};
  if (content.note !== undefined) {
    if (typeof content.note !== 'string' || content.note.length > 2000) problems.push({ field: 'content.note', problem: '说明最多 2000 字' });
    else out.note = content.note.trim();
  }
  if (type === 'fee_standard') {
    for (const key of ['serviceGrade', 'basis'] as const) {
      if (content[key] !== undefined) {
        if (typeof content[key] !== 'string' || (content[key] as string).length > 500) problems.push({ field: `content.${key}`, problem: '最多 500 字' });
        else out[key] = (content[key] as string).trim();
      }
    }
    if (content.effectiveDate !== undefined) {
      if (!isCalendarDate(String(content.effectiveDate))) problems.push({ field: 'content.effectiveDate', problem: '生效日期应为 YYYY-MM-DD' });
      else out.effectiveDate = content.effectiveDate;
    }
  }
  if (type === 'public_income') {
    const opening = content.openingBalanceFen ?? 0;
    if (!Number.isSafeInteger(opening) || Math.abs(opening) > MAX_FEN) problems.push({ field: 'content.openingBalanceFen', problem: '期初余额应为整数（分）' });
    else out.openingBalanceFen = opening;
  }
  if (type === 'shared_cost') {
    const method = content.method ?? 'area';
    if (!ALLOCATION_METHODS.includes(method)) problems.push({ field: 'content.method', problem: '分摊方式应为 area、household 或 fixed' });
    out.method = method;
    if (content.buildingIds !== undefined) {
      if (!Array.isArray(content.buildingIds) || content.buildingIds.length > 500 || !content.buildingIds.every((id) => Number.isSafeInteger(id) && id > 0)) {
        problems.push({ field: 'content.buildingIds', problem: '楼栋列表无效' });
      } else out.buildingIds = [...new Set(content.buildingIds)];
    }
    if (method === 'fixed') {
      const shares = content.fixedShares ?? [];
      if (!Array.isArray(shares) || !shares.length || shares.length > 20000 || !shares.every((s) => Number.isSafeInteger(s?.houseId) && Number.isSafeInteger(s?.weight) && s.weight > 0)) {
        problems.push({ field: 'content.fixedShares', problem: '按约定份额分摊时，须给出每户的份额（正整数）' });
      } else out.fixedShares = shares.map((s) => ({ houseId: s.houseId, weight: s.weight }));
    }
  }
  return { content: out, problems };
}

const sum = (lines: NormalisedLine[], kind?: string) => lines.filter((l) => !kind || l.kind === kind).reduce((a, l) => a + (l.amountFen ?? 0), 0);

/** Totals of a disclosure, computed from its lines. */
export function computeTotals(type: DisclosureType, content: DisclosureContent, lines: NormalisedLine[]): DisclosureTotals {
  switch (type) {
    case 'fee_standard':
      return { totalFen: 0, items: lines.length };
    case 'fee_collection': {
      const receivable = lines.reduce((a, l) => a + Number(l.fields.receivableFen ?? 0), 0);
      const received = lines.reduce((a, l) => a + Number(l.fields.receivedFen ?? 0), 0);
      return { totalFen: received, receivableFen: receivable, receivedFen: received, collectionRateBp: receivable ? Math.round((received * 10000) / receivable) : null };
    }
    case 'public_income': {
      const income = sum(lines, 'income');
      const cost = sum(lines, 'cost');
      const used = sum(lines, 'use');
      const opening = content.openingBalanceFen ?? 0;
      return { totalFen: income, incomeFen: income, costFen: cost, netFen: income - cost, usedFen: used, openingBalanceFen: opening, closingBalanceFen: opening + income - cost - used };
    }
    case 'shared_cost':
      return { totalFen: sum(lines) };
    case 'maintenance_expense':
      return { totalFen: sum(lines), elevatorFen: sum(lines.filter((l) => l.fields.category === 'elevator')), fireFen: sum(lines.filter((l) => l.fields.category === 'fire')) };
    case 'maintenance_fund':
      return { totalFen: sum(lines) };
  }
}

/**
 * 民法典 第二百七十八条: using the maintenance fund needs a vote in which owners holding ≥ 2/3 of the floor area
 * and ≥ 2/3 of the owners take part, and more than half of the participating area and owners agree.
 */
export function votePassed(fields: Fields, totalAreaCenti: number, totalHeads: number): boolean {
  const n = (k: string) => Number(fields[k] ?? 0);
  const area = n('areaForCenti') + n('areaAgainstCenti') + n('areaAbstainCenti');
  const heads = n('headsFor') + n('headsAgainst') + n('headsAbstain');
  if (!totalAreaCenti || !totalHeads) return false;
  return area * 3 >= totalAreaCenti * 2 && heads * 3 >= totalHeads * 2 && n('areaForCenti') * 2 > area && n('headsFor') * 2 > heads;
}
