import { formatRate, statsRange } from './handling';

describe('statistics ranges (Asia/Shanghai days)', () => {
  // 2026-11-28 17:30 UTC is already 29 November in Shanghai.
  const now = new Date('2026-11-28T17:30:00.000Z');

  it('近7天 and 近30天 end today (Shanghai) and include it; 本年 starts on 1 January', () => {
    expect(statsRange('week', now)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(statsRange('month', now)).toEqual({ from: '2026-10-31', to: '2026-11-29' });
    expect(statsRange('year', now)).toEqual({ from: '2026-01-01', to: '2026-11-29' });
  });

  it('rates are whole percentages, “—” when nothing was measured', () => {
    expect(formatRate(0.8749)).toBe('87%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
  });
});
