import { DisclosureReview } from '../src/modules/disclosures/disclosure-review.entity';
import { Building } from '../src/modules/org/building.entity';
import { House } from '../src/modules/org/house.entity';
import { Vote } from '../src/modules/votes/vote.entity';
import { createTestApp, type TestApp } from './support/app';
import { draftPublicIncome, publish } from './support/disclosures';
import { createClosedVote, createEstate, createHouses, createResident, type Estate, roleIn } from './support/fixtures';
import { photo } from './support/images';
import { uploadPhoto } from './support/tickets';

type Auth = { Authorization: string };

/** Issue 18, 业账社审: the review cannot be bent from inside, and what was published stays as it was published. */
describe('accountability: disclosures', () => {
  let t: TestApp;
  let estate: Estate;
  let manager: Auth;
  let committee: Auth;
  let chair: Auth;
  let resident: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    estate = await createEstate(t.db);
    manager = await t.signInAs(roleIn(estate).manager);
    committee = await t.signInAs(roleIn(estate).committee);
    chair = await t.signInAs(roleIn(estate).chair);
    resident = await t.signIn((await createResident(t.db, estate.houses[0])).devKey);
  });
  afterAll(() => t.close());

  const voucher = async () => uploadPhoto(t, manager, await photo({ width: 300, height: 400 }));
  const review = (id: number, who: Auth, body: Record<string, unknown>) => t.http().post(`/api/v1/disclosures/${id}/reviews`).set(who).send(body).expect(201);
  const get = (id: number, who: Auth) => t.http().get(`/api/v1/disclosures/${id}`).set(who).expect(200);
  const verify = () => t.http().get(`/api/v1/communities/${estate.community.id}/disclosures/chain/verify`).set(resident).expect(200);

  it('rule: a query stays open across withdraw and resubmit until the manager answers it or changes that line', async () => {
    const draft = (await draftPublicIncome(t, manager, estate.community.id, await voucher(), '2025-Q1').expect(201)).body;
    const [income, parking] = draft.lines as { id: number }[];
    await t.http().post(`/api/v1/disclosures/${draft.id}/submit`).set(manager).expect(200);
    await review(draft.id, committee, { lineId: income.id, decision: 'query', comment: '广告合同金额请核对' });
    await review(draft.id, committee, { lineId: parking.id, decision: 'query', comment: '临停收入为何比上季少？' });
    // The manager withdraws and resubmits without answering: both queries still hold the sign-off.
    await t.http().post(`/api/v1/disclosures/${draft.id}/withdraw`).set(manager).expect(200);
    const unchanged = (await get(draft.id, manager)).body;
    const linesAsSent = unchanged.lines.map((l: { id: number; kind: string; item: string; amountFen?: number; fields: unknown; attachmentIds: number[] }) => ({ id: l.id, kind: l.kind, item: l.item, amountFen: l.amountFen, fields: l.fields, attachmentIds: l.attachmentIds }));
    await t.http().patch(`/api/v1/disclosures/${draft.id}`).set(manager).send({ lines: linesAsSent }).expect(200);
    await t.http().post(`/api/v1/disclosures/${draft.id}/submit`).set(manager).expect(200);
    await review(draft.id, committee, { decision: 'approve' });
    const second = await t.http().post(`/api/v1/disclosures/${draft.id}/sign-off`).set(chair).expect(409);
    expect(second.body).toMatchObject({ code: 'OPEN_QUERIES', message: expect.stringContaining('2 条') });
    // Changing the queried line closes its query (it was about the old line) and asks for a new approval.
    await t.http().post(`/api/v1/disclosures/${draft.id}/withdraw`).set(manager).expect(200);
    linesAsSent[0].amountFen += 100;
    await t.http().patch(`/api/v1/disclosures/${draft.id}`).set(manager).send({ lines: linesAsSent }).expect(200);
    const closed = await t.db.getRepository(DisclosureReview).findOneByOrFail({ lineId: income.id, decision: 'query' });
    expect(closed.answer).toBe('（物业已修改此项，请重新审核）');
    expect((await t.db.getRepository(DisclosureReview).findOneByOrFail({ lineId: parking.id, decision: 'query' })).answeredAt).toBeNull();
    await t.http().post(`/api/v1/disclosures/${draft.id}/submit`).set(manager).expect(200);
    const parkingQuery = (await get(draft.id, manager)).body.reviews.find((r: { lineId: number; decision: string }) => r.lineId === parking.id && r.decision === 'query');
    await t.http().post(`/api/v1/disclosure-reviews/${parkingQuery.id}/answer`).set(manager).send({ answer: '本季度有两周封闭施工' }).expect(200);
    // Round 2's whole approval was before the change: the changed line needs another one.
    const waiting = await t.http().post(`/api/v1/disclosures/${draft.id}/sign-off`).set(chair).expect(409);
    expect(waiting.body).toMatchObject({ code: 'LINES_NOT_APPROVED', message: expect.stringContaining('第 1 项') });
    await review(draft.id, committee, { lineId: income.id, decision: 'approve' });
    await t.http().post(`/api/v1/disclosures/${draft.id}/sign-off`).set(chair).expect(200);
  });

  it('rule: what a shared cost derived at sign-off (shares, houses, areas) stays as published; a direct edit of it is detected', async () => {
    const extra = await createHouses(t.db, estate.community, '9栋', 2);
    const d = (
      await t
        .http()
        .post('/api/v1/disclosures')
        .set(manager)
        .send({ communityId: estate.community.id, type: 'shared_cost', period: '2025-11', title: '2025年11月公共能耗分摊', content: { method: 'area', buildingIds: [estate.houses[0].buildingId, extra[0].buildingId] }, lines: [{ kind: 'meter', item: '公共照明', amountFen: 100001, fields: { meterKind: 'electricity', quantity: 1234.5, unit: 'kWh' } }] })
        .expect(201)
    ).body;
    const published = await publish(t, d.id, manager, committee, chair);
    const before = published.allocation;
    const myShare = (await get(d.id, resident)).body.myShares[0].shareFen;
    expect(before.buildings).toEqual(['1栋', '9栋']);
    // Houses change afterwards: one is re-measured, a building renamed, one more house added. The published disclosure does not move.
    await t.db.getRepository(House).update(extra[0].id, { floorAreaCenti: extra[0].floorAreaCenti + 5000 });
    await t.db.getRepository(Building).update(extra[0].buildingId, { name: '9号楼（改名）' });
    await t.db.getRepository(House).save(t.db.getRepository(House).create({ ...extra[1], id: undefined, number: '0301' }));
    const after = (await get(d.id, resident)).body;
    expect(after.allocation).toEqual(before);
    expect(after.myShares[0].shareFen).toBe(myShare);
    expect((await verify()).body.valid).toBe(true);
    // A share edited in the database, or the frozen facts: the chain check names the version.
    await t.db.query('UPDATE disclosure_share SET share_fen = share_fen + 1 WHERE disclosure_id = ? AND house_id = ?', [d.id, estate.houses[0].id]);
    expect((await verify()).body).toMatchObject({ valid: false, brokenAt: { id: d.id, reason: 'content_changed' } });
    await t.db.query('UPDATE disclosure_share SET share_fen = share_fen - 1 WHERE disclosure_id = ? AND house_id = ?', [d.id, estate.houses[0].id]);
    expect((await verify()).body.valid).toBe(true);
    await t.db.query("UPDATE disclosure SET facts = REPLACE(facts, '\"houses\":', '\"houses\":1') WHERE id = ?", [d.id]);
    expect((await verify()).body).toMatchObject({ valid: false, brokenAt: { id: d.id, reason: 'content_changed' } });
  });

  it('rule: a maintenance-fund withdrawal shows the result of the vote it cites as frozen at sign-off', async () => {
    const estate2 = await createEstate(t.db);
    const m2 = await t.signInAs(roleIn(estate2).manager);
    const c2 = await t.signInAs(roleIn(estate2).committee);
    const ch2 = await t.signInAs(roleIn(estate2).chair);
    const owner2 = await t.signIn((await createResident(t.db, estate2.houses[0])).devKey);
    const vote = await createClosedVote(t.db, estate2.community, true);
    const fields = { date: '2025-09-01', voteId: vote.id };
    const v = await uploadPhoto(t, m2, await photo({ width: 200, height: 200 }));
    const d = (await t.http().post('/api/v1/disclosures').set(m2).send({ communityId: estate2.community.id, type: 'maintenance_fund', period: '2025-09', title: '维修资金使用', lines: [{ kind: 'withdrawal', item: '屋面防水', amountFen: 8000000, fields, attachmentIds: [v] }] }).expect(201)).body;
    expect(d.lines[0].fields.votePassed).toBe(true);
    await publish(t, d.id, m2, c2, ch2);
    // Someone alters the vote's stored result afterwards: a draft citing it reads the altered row, the publication
    // what was frozen at sign-off (inside its hash).
    await t.db.getRepository(Vote).update(vote.id, { result: { ...(vote.result as NonNullable<Vote['result']>), passedOption: null } });
    const draftToday = (await t.http().post('/api/v1/disclosures').set(m2).send({ communityId: estate2.community.id, type: 'maintenance_fund', period: '2025-10', title: '维修资金使用（同一表决）', lines: [{ kind: 'withdrawal', item: '屋面防水', amountFen: 8000000, fields, attachmentIds: [] }] }).expect(201)).body;
    expect(draftToday.lines[0].fields.votePassed).toBe(false);
    expect((await get(d.id, owner2)).body.lines[0].fields.votePassed).toBe(true);
    // The frozen result itself edited in the database (passed → not passed): the chain check names the version.
    const verify2 = () => t.http().get(`/api/v1/communities/${estate2.community.id}/disclosures/chain/verify`).set(owner2).expect(200);
    expect((await verify2()).body.valid).toBe(true);
    await t.db.query("UPDATE disclosure SET facts = REPLACE(facts, 'true', 'false') WHERE id = ?", [d.id]);
    expect((await get(d.id, owner2)).body.lines[0].fields.votePassed).toBe(false);
    expect((await verify2()).body).toMatchObject({ valid: false, brokenAt: { id: d.id, reason: 'content_changed' } });
  });

});
