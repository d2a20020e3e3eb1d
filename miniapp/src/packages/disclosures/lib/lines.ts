import {
  DISCLOSURE_LINE_KINDS,
  computeTotals,
  fieldText,
  lineFields,
  lineKindSchema,
  monthsBack,
  quartersBack,
  shanghaiDate,
  type DisclosureLineInput,
  type DisclosureLineView,
  type DisclosureTotals,
  type DisclosureType,
  type LineFieldSchema,
  type TotalsLine,
} from '@wuye/contracts';
import type { UploadedVoucher } from '../../../services/disclosures';
import { fenToYuanInput, parseYuanInput } from './money';

/**
 * The lines of a disclosure in the mini-program: read and edited as DISCLOSURE_LINE_SCHEMA (libs/contracts) says,
 * the schema the API checks lines against and the export labels its columns from.
 */

/** The readable fields of a published line, in the order of its kind. */
export function lineFieldRows(line: Pick<DisclosureLineView, 'kind' | 'fields'>): { label: string; text: string }[] {
  const rows: { label: string; text: string }[] = [];
  for (const spec of lineFields(line.kind)) {
    const text = fieldText(spec, line.fields?.[spec.name]);
    if (text !== null) rows.push({ label: spec.label, text });
  }
  if (line.kind === 'withdrawal' && typeof line.fields?.votePassed === 'boolean') {
    const title = typeof line.fields.voteTitle === 'string' ? `${line.fields.voteTitle}：` : '';
    rows.push({ label: '业主表决', text: `${title}${line.fields.votePassed ? '已通过（双三分之二参与、过半数同意）' : '未达到法定表决要求'}` });
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

export function emptyLine(type: DisclosureType, kind: string = DISCLOSURE_LINE_KINDS[type][0]): LineDraft {
  return { key: newDraftKey(), kind, item: '', amountYuan: '', fields: {}, attachments: [] };
}

function fieldToInput(spec: LineFieldSchema, value: unknown): string {
  if (value === undefined || value === null) return '';
  if ((spec.kind === 'fen' || spec.kind === 'area') && typeof value === 'number') return fenToYuanInput(value);
  return String(value);
}

/** A saved line as the editor shows it. */
export function lineToDraft(line: DisclosureLineView): LineDraft {
  const fields: Record<string, string> = {};
  for (const spec of lineFields(line.kind)) fields[spec.name] = fieldToInput(spec, line.fields?.[spec.name]);
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

function parseField(spec: LineFieldSchema, raw: string): { value: string | number | null; problem: string | null } {
  const text = raw.trim();
  if (text === '') return { value: null, problem: spec.required ? `${spec.label}不能为空` : null };
  switch (spec.kind) {
    case 'fen':
    case 'area': {
      const parsed = parseYuanInput(text);
      return parsed.error === null ? { value: parsed.fen, problem: null } : { value: null, problem: `${spec.label}：${parsed.error.replace('金额', spec.kind === 'area' ? '面积' : '金额')}` };
    }
    case 'vote':
      return /^\d{1,10}$/.test(text) ? { value: Number(text), problem: null } : { value: null, problem: `请选择${spec.label}` };
    case 'count':
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
    if (lineKindSchema(draft.kind)?.amountLabel !== null) {
      const parsed = parseYuanInput(draft.amountYuan);
      if (parsed.error !== null) problems.push({ line: n, field: 'amountFen', problem: parsed.error });
      else amountFen = parsed.fen;
    }
    const fields: Record<string, string | number> = {};
    for (const spec of lineFields(draft.kind)) {
      const { value, problem } = parseField(spec, draft.fields[spec.name] ?? '');
      if (problem) problems.push({ line: n, field: spec.name, problem });
      if (value !== null) fields[spec.name] = value;
    }
    return { ...(draft.id ? { id: draft.id } : {}), kind: draft.kind, item: draft.item.trim(), amountFen, fields, attachmentIds: draft.attachments.map((a) => a.id) };
  });
  return { lines: out, problems };
}

/** A draft line as far as it parses (what does not parse counts as nothing yet), for the totals. */
function parsedSoFar(draft: LineDraft): TotalsLine {
  const fields: Record<string, unknown> = {};
  for (const spec of lineFields(draft.kind)) {
    const { value } = parseField(spec, draft.fields[spec.name] ?? '');
    if (value !== null) fields[spec.name] = value;
  }
  return { kind: draft.kind, amountFen: parseYuanInput(draft.amountYuan).fen, fields };
}

/** The same totals the server computes from the lines (computeTotals of libs/contracts), live in the editor. */
export function draftTotals(type: DisclosureType, lines: LineDraft[], openingBalanceFen = 0): DisclosureTotals {
  return computeTotals(type, { openingBalanceFen }, lines.map(parsedSoFar));
}

// ─── Periods ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Periods to pick from for a type, newest first: months for shared costs, quarters (and months) for public
 * income, quarters and the year for the others. Shanghai time.
 */
export function recentPeriods(type: DisclosureType | null, now: Date, count = 6): string[] {
  const year = Number(shanghaiDate(now).slice(0, 4));
  const months = monthsBack(now, count);
  const quarters = quartersBack(now, Math.min(count, 4));
  if (type === 'shared_cost') return months;
  if (type === 'public_income') return quarters;
  if (type === 'fee_standard' || type === 'service_list') return [String(year), String(year - 1)];
  if (type === null) return [...quarters.slice(0, 2), ...months.slice(0, 3), String(year)];
  return [...quarters, String(year)];
}
