import {
  ALLOCATION_METHODS,
  DISCLOSURE_FEN_MAX,
  DISCLOSURE_LINE_KINDS,
  DISCLOSURE_LINES_MAX,
  DISCLOSURE_TYPE_LABELS,
  LINE_COUNT_MAX,
  LINE_ITEM_MAX,
  LINE_VOUCHERS_MAX,
  PERIOD_PATTERN,
  isCalendarDate,
  lineFields,
  lineKindSchema,
  type DisclosureContent,
  type DisclosureLineInput,
  type DisclosureType,
  type LineFieldSchema,
} from '@wuye/contracts';

/**
 * What each disclosure type must contain, checked the same way on save, on submit and on publish, against the line
 * schema of libs/contracts (DISCLOSURE_LINE_SCHEMA, which the editor and the export read too). Problems come back
 * with the line number and field.
 */
export interface LineProblem {
  line?: number;
  field: string;
  problem: string;
}

type Fields = Record<string, string | number | boolean | null>;

const isFen = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= DISCLOSURE_FEN_MAX;

/** What is wrong with a field's value for its kind, or null. */
function fieldProblem(spec: LineFieldSchema, v: unknown): string | null {
  switch (spec.kind) {
    case 'text':
      return typeof v === 'string' && v.trim() && v.length <= (spec.max ?? 200) ? null : `应为 1–${spec.max ?? 200} 个字`;
    case 'choice':
      return typeof v === 'string' && spec.choices?.some((c) => c.value === v) ? null : `应为 ${(spec.choices ?? []).map((c) => c.label).join('、')} 之一`;
    case 'fen':
      return isFen(v) ? null : '应为不小于 0 的整数（分）';
    case 'area':
    case 'count':
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= LINE_COUNT_MAX * (spec.kind === 'area' ? 100 : 1) ? null : '应为不小于 0 的整数';
    case 'quantity':
      return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1e12 && Math.round(v * 1000) === v * 1000 ? null : '应为不小于 0 的数，最多三位小数';
    case 'date':
      return typeof v === 'string' && isCalendarDate(v) ? null : '应为日期（YYYY-MM-DD）';
    case 'vote':
      return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? null : '请选择一次已结束的业主表决';
  }
}

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
  if (lines.length > DISCLOSURE_LINES_MAX) problems.push({ field: 'lines', problem: `最多 ${DISCLOSURE_LINES_MAX} 行` });
  if (forSubmission && !lines.length) problems.push({ field: 'lines', problem: `${DISCLOSURE_TYPE_LABELS[type]}至少要有一行明细` });
  lines.slice(0, DISCLOSURE_LINES_MAX).forEach((line, index) => {
    const n = index + 1;
    const before = problems.length;
    const schema = lineKindSchema(line.kind);
    if (!schema || !(DISCLOSURE_LINE_KINDS[type] as readonly string[]).includes(line.kind)) {
      problems.push({ line: n, field: 'kind', problem: `${DISCLOSURE_TYPE_LABELS[type]}的明细类别应为 ${DISCLOSURE_LINE_KINDS[type].map((k) => lineKindSchema(k)?.label).join('、')}` });
      return;
    }
    const item = typeof line.item === 'string' ? line.item.trim() : '';
    if (!item || item.length > LINE_ITEM_MAX) problems.push({ line: n, field: 'item', problem: `项目名称应为 1–${LINE_ITEM_MAX} 个字` });
    const fields: Fields = {};
    for (const rule of schema.fields) {
      const value = line.fields?.[rule.name];
      if (value === undefined || value === null || value === '') {
        if (rule.required) problems.push({ line: n, field: rule.name, problem: `${rule.label}不能为空` });
        continue;
      }
      const problem = fieldProblem(rule, typeof value === 'string' ? value.trim() : value);
      if (problem) problems.push({ line: n, field: rule.name, problem: `${rule.label}${problem}` });
      else fields[rule.name] = typeof value === 'string' ? value.trim() : value;
    }
    const unknown = Object.keys(line.fields ?? {}).filter((k) => !lineFields(line.kind).some((r) => r.name === k));
    if (unknown.length) problems.push({ line: n, field: 'fields', problem: `不认识的字段：${unknown.join('、')}` });
    let amountFen: number | null = null;
    if (schema.amountLabel === null) {
      amountFen = typeof fields.receivedFen === 'number' ? fields.receivedFen : null;
    } else if (line.amountFen === undefined || !isFen(line.amountFen)) {
      problems.push({ line: n, field: 'amountFen', problem: '金额应为不小于 0 的整数（分）' });
    } else {
      amountFen = line.amountFen;
    }
    const attachmentIds = line.attachmentIds ?? [];
    if (attachmentIds.length > LINE_VOUCHERS_MAX) problems.push({ line: n, field: 'attachmentIds', problem: `每行最多 ${LINE_VOUCHERS_MAX} 个凭证` });
    if (forSubmission && schema.needsVoucher && !attachmentIds.length) {
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
  if (type === 'fee_standard' || type === 'service_list') {
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
    if (!Number.isSafeInteger(opening) || Math.abs(opening) > DISCLOSURE_FEN_MAX) problems.push({ field: 'content.openingBalanceFen', problem: '期初余额应为整数（分）' });
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
