import type { PatrolPlanView } from '@wuye/contracts';

type RoundPoint = PatrolPlanView['points'][number];

/**
 * 锦绣花园's daily fire-safety round (08:00–10:00, 刘师傅), today, with these points (in use unless said) and their
 * checks; `plan` overrides the rest (an edit waiting for tomorrow, say).
 */
export function patrolPlan(points: (Omit<RoundPoint, 'retired'> & { retired?: boolean })[], plan: Partial<PatrolPlanView> = {}): PatrolPlanView {
  return {
    id: 2,
    communityId: 1,
    communityName: '锦绣花园',
    name: '消防设施日巡',
    pointIds: points.filter((p) => !p.retired).map((p) => p.id),
    frequency: 'daily',
    windowStart: '08:00',
    windowEnd: '10:00',
    assigneeId: 9,
    assigneeName: '刘师傅',
    round: { frequency: 'daily', windowStart: '08:00', windowEnd: '10:00' },
    period: { from: '2026-12-06', to: '2026-12-06' },
    points: points.map((p) => ({ retired: false, ...p })),
    pending: null,
    ...plan,
  };
}
