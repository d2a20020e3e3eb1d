import { creditProblem, type CreditDraft } from './credit';

const draft = (patch: Partial<CreditDraft> = {}): CreditDraft => ({ companyId: 2, kind: 'points', points: '6', occurredOn: '2026-11-20', reason: '公共收益未公示', ...patch });

describe('the credit-event form’s checks', () => {
  it('accepts a complete points event and a non-points event without points', () => {
    expect(creditProblem(draft(), '2026-11-29')).toBeNull();
    expect(creditProblem(draft({ kind: 'interview', points: '' }), '2026-11-29')).toBeNull();
  });

  it('wants 1–100 points for 信用扣分, a real date not after today, and a reason', () => {
    expect(creditProblem(draft({ points: '0' }), '2026-11-29')).toBe('信用扣分须填写 1–100 的扣分分值');
    expect(creditProblem(draft({ points: '101' }), '2026-11-29')).toBe('信用扣分须填写 1–100 的扣分分值');
    expect(creditProblem(draft({ points: '5.5' }), '2026-11-29')).toBe('信用扣分须填写 1–100 的扣分分值');
    expect(creditProblem(draft({ occurredOn: '2026/11/20' }), '2026-11-29')).toBe('请选择日期');
    expect(creditProblem(draft({ occurredOn: '2026-11-30' }), '2026-11-29')).toBe('日期不能晚于今天');
    expect(creditProblem(draft({ reason: '  ' }), '2026-11-29')).toBe('请填写事由');
    expect(creditProblem(draft({ kind: null }), '2026-11-29')).toBe('请选择信用事项');
  });
});
