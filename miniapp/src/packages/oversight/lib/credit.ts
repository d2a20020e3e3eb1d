import type { CreditEventKind } from '@wuye/contracts';

export interface CreditDraft {
  companyId: number | null;
  kind: CreditEventKind | null;
  points: string;
  occurredOn: string;
  reason: string;
}

/** What the credit-event form lacks, or null when it may be sent (the API checks the same again). */
export function creditProblem(draft: CreditDraft, today: string): string | null {
  if (draft.companyId === null) return '请选择物业企业';
  if (draft.kind === null) return '请选择信用事项';
  if (draft.kind === 'points') {
    const points = Number(draft.points);
    if (!/^\d+$/.test(draft.points.trim()) || points < 1 || points > 100) return '信用扣分须填写 1–100 的扣分分值';
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.occurredOn) || Number.isNaN(Date.parse(`${draft.occurredOn}T00:00:00Z`))) return '请选择日期';
  if (draft.occurredOn > today) return '日期不能晚于今天';
  if (!draft.reason.trim()) return '请填写事由';
  return null;
}
