import type { PatrolPlanView } from '@wuye/contracts';

/** 锦绣花园's daily fire-safety round (08:00–10:00, 刘师傅), today, with these points and their checks. */
export function patrolPlan(points: PatrolPlanView['points']): PatrolPlanView {
  return {
    id: 2,
    communityId: 1,
    communityName: '锦绣花园',
    name: '消防设施日巡',
    frequency: 'daily',
    windowStart: '08:00',
    windowEnd: '10:00',
    assigneeId: 9,
    assigneeName: '刘师傅',
    period: { from: '2026-12-06', to: '2026-12-06' },
    points,
  };
}
