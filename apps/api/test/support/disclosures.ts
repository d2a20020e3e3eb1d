import type { TestApp } from './app';
import { createEstate, roleIn } from './fixtures';

type Auth = { Authorization: string };

/** A draft public-income disclosure with income, a cost with its voucher, and a use. */
export function draftPublicIncome(t: TestApp, manager: Auth, communityId: number, voucherId: number, period = '2026-Q3') {
  return t
    .http()
    .post('/api/v1/disclosures')
    .set(manager)
    .send({
      communityId,
      type: 'public_income',
      period,
      title: `${period} 公共收益公示`,
      content: { openingBalanceFen: 500000, note: '收益扣除成本后补充维修资金' },
      lines: [
        { kind: 'income', item: '电梯轿厢广告', amountFen: 1234567, fields: { category: 'advertising', counterparty: '清河传媒', contractNo: 'GG-2026-01' } },
        { kind: 'income', item: '地面临时停车', amountFen: 880000, fields: { category: 'parking', counterparty: '临停车主' } },
        { kind: 'cost', item: '停车管理人员工资分摊', amountFen: 300000, attachmentIds: [voucherId] },
        { kind: 'use', item: '补充专项维修资金', amountFen: 1000000, fields: { usage: 'maintenance_fund' } },
      ],
    });
}

/** Through the committee: submit, a member approves, the chair signs off. Returns the published view. */
export async function publish(t: TestApp, id: number, manager: Auth, committee: Auth, chair: Auth) {
  await t.http().post(`/api/v1/disclosures/${id}/submit`).set(manager).expect(200);
  await t.http().post(`/api/v1/disclosures/${id}/reviews`).set(committee).send({ decision: 'approve' }).expect(201);
  return (await t.http().post(`/api/v1/disclosures/${id}/sign-off`).set(chair).expect(200)).body;
}

/** An estate with the people of 业账社审 signed in: its manager, a committee member and the chair. */
export async function reviewingEstate(t: TestApp) {
  const estate = await createEstate(t.db);
  return { estate, manager: await t.signInAs(roleIn(estate).manager), committee: await t.signInAs(roleIn(estate).committee), chair: await t.signInAs(roleIn(estate).chair) };
}
