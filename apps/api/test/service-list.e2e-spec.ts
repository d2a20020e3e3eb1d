import { ServiceContract } from '../src/modules/org/service-contract.entity';
import { createTestApp, type TestApp } from './support/app';
import { reviewingEstate } from './support/disclosures';
import { createResident, createUser, type Estate } from './support/fixtures';

type Auth = { Authorization: string };

/** 服务清单 (the contract's services, grade and staffing) as a disclosure, and the contract summary residents read. */
describe('service list and contract summary', () => {
  let t: TestApp;
  let estate: Estate;
  let manager: Auth;
  let committee: Auth;
  let chair: Auth;
  let owner: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    ({ estate, manager, committee, chair } = await reviewingEstate(t));
    owner = await t.signIn((await createResident(t.db, estate.houses[0])).devKey);
    await t.db.getRepository(ServiceContract).update(estate.contract.id, { serviceGrade: '二级', feeStandards: [{ propertyType: 'residence', pricePerM2MonthFen: 180 }, { propertyType: 'shop', pricePerM2MonthFen: 350 }], endsOn: '2027-12-31' });
  });
  afterAll(() => t.close());

  const service = (item: string, section: string, staff: number, more: object = {}) => ({ kind: 'service', item, fields: { section, standard: `${item}按二级标准执行`, staff }, ...more });
  const draft = (lines: object[], content: object = { serviceGrade: '二级', basis: '物业服务合同（2024—2027）' }) =>
    t.http().post('/api/v1/disclosures').set(manager).send({ communityId: estate.community.id, type: 'service_list', period: '2026', title: '2026年度物业服务清单', content, lines });

  it('a manager drafts it by section with staffing; the committee signs it off; residents read the services, grade and total staff', async () => {
    const created = (await draft([service('公共区域清扫保洁', 'cleaning', 6), service('出入口24小时值守', 'order', 8), service('电梯及二次供水设施巡检', 'facilities', 2)]).expect(201)).body;
    expect(created.totals).toMatchObject({ items: 3, staff: 16 });
    // No money on a service line.
    expect(created.lines.map((l: { amountFen?: number | null }) => l.amountFen ?? null)).toEqual([null, null, null]);
    await t.http().post(`/api/v1/disclosures/${created.id}/submit`).set(manager).expect(200);
    await t.http().post(`/api/v1/disclosures/${created.id}/reviews`).set(committee).send({ decision: 'approve' }).expect(201);
    await t.http().post(`/api/v1/disclosures/${created.id}/sign-off`).set(chair).expect(200);

    const read = (await t.http().get(`/api/v1/disclosures/${created.id}`).set(owner).expect(200)).body;
    expect(read).toMatchObject({ type: 'service_list', state: 'published', content: { serviceGrade: '二级', basis: '物业服务合同（2024—2027）' }, totals: { items: 3, staff: 16 } });
    expect(read.lines.map((l: { fields: { section: string; staff: number } }) => [l.fields.section, l.fields.staff])).toEqual([['cleaning', 6], ['order', 8], ['facilities', 2]]);
    expect(read.hash).toMatch(/^[0-9a-f]{64}$/);
    const listed = (await t.http().get(`/api/v1/communities/${estate.community.id}/disclosures`).query({ type: 'service_list' }).set(owner).expect(200)).body.items;
    expect(listed.map((d: { id: number }) => d.id)).toContain(created.id);
  });

  it('a line needs its section, standard and staffing; a section outside the standard is refused; nothing is kept', async () => {
    const drafts = async () => (await t.http().get(`/api/v1/communities/${estate.community.id}/disclosures`).query({ type: 'service_list', state: 'draft' }).set(manager).expect(200)).body.items.length;
    const before = await drafts();
    const refused = (await draft([{ kind: 'service', item: '绿化养护', fields: { section: 'greening', standard: '每月修剪' } }]).expect(422)).body;
    expect(JSON.stringify(refused.details)).toContain('人员配置');
    await draft([service('游泳池', 'swimming', 1)]).expect(422);
    await draft([{ kind: 'fee_item', item: '物业费', amountFen: 180, fields: { unit: '元/㎡·月' } }]).expect(422);
    expect(await drafts()).toBe(before);
  });

  it('residents read the contract summary of their estate: company, grade, fee standards and term; none once it ends', async () => {
    const view = (await t.http().get(`/api/v1/communities/${estate.community.id}`).set(owner).expect(200)).body;
    expect(view.company).toMatchObject({ id: estate.company.id, name: estate.company.name });
    expect(view.contract).toEqual({ serviceGrade: '二级', feeStandards: [{ propertyType: 'residence', pricePerM2MonthFen: 180 }, { propertyType: 'shop', pricePerM2MonthFen: 350 }], startsOn: '2020-01-01', endsOn: '2027-12-31' });

    const admin = await t.signIn((await createUser(t.db, [{ role: 'platform_admin' }])).devKey);
    await t.http().post(`/api/v1/contracts/${estate.contract.id}/end`).set(admin).send({ reason: 'terminated' }).expect(200);
    const after = (await t.http().get(`/api/v1/communities/${estate.community.id}`).set(owner).expect(200)).body;
    expect(after).toMatchObject({ company: null, contract: null });
  });
});
