import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { DisclosureLine } from '../src/modules/disclosures/disclosure-line.entity';
import { DisclosureQuestion } from '../src/modules/disclosures/disclosure-question.entity';
import { Disclosure } from '../src/modules/disclosures/disclosure.entity';
import { DisclosureQuestionsService } from '../src/modules/disclosures/disclosure-questions.service';
import { Notification } from '../src/modules/notifications/notification.entity';
import { Building } from '../src/modules/org/building.entity';
import { House } from '../src/modules/org/house.entity';
import { Vote } from '../src/modules/votes/vote.entity';
import { useTestApp } from './support/app';
import { draftPublicIncome, publish } from './support/disclosures';
import { createClosedVote, createEstate, createHouses, createResident, createUser, Estate, roleIn } from './support/fixtures';
import { photo } from './support/images';
import { uploadPhoto } from './support/tickets';

type Auth = { Authorization: string };

describe('disclosures and account review (业账社审)', () => {
  const t = useTestApp();
  let estate: Estate;
  let manager: Auth;
  let committee: Auth;
  let chair: Auth;
  let chairId: number;
  let resident: Auth;
  let residentHouse: House;
  beforeEach(async () => {
    estate = await createEstate(t.db);
    manager = await t.signInAs(roleIn(estate).manager);
    committee = await t.signInAs(roleIn(estate).committee);
    const c = await createUser(t.db, [roleIn(estate).chair]);
    chairId = c.user.id;
    chair = await t.signIn(c.devKey);
    residentHouse = estate.houses[0];
    resident = await t.signIn((await createResident(t.db, residentHouse)).devKey);
  });

  /** A file the API sends (an .xlsx export), as bytes. */
  const download = (url: string, who: Auth) =>
    t.http().get(url).set(who).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
  const voucher = async () => uploadPhoto(t, manager, await photo({ width: 300, height: 400 }));
  const pdfVoucher = async () => {
    // A real one-page PDF: vouchers are read by a PDF parser (a catalog without pages is refused).
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    const pdf = Buffer.from(await doc.save());
    return (await t.http().post('/api/v1/uploads').set(manager).attach('file', pdf, 'invoice.pdf').expect(201)).body.id as number;
  };

  it('a revision edits lines in place: their ids stay, so the committee’s queries stay on them; foreign ids are refused', async () => {
    const draft = await draftPublicIncome(t, manager, estate.community.id, await pdfVoucher()).expect(201);
    const [first, second, third, fourth] = draft.body.lines as { id: number; kind: string; item: string; amountFen: number; fields: Record<string, unknown>; attachments: { id: number }[] }[];
    await t.http().post(`/api/v1/disclosures/${draft.body.id}/submit`).set(manager).expect(200);
    await t.http().post(`/api/v1/disclosures/${draft.body.id}/reviews`).set(committee).send({ lineId: third.id, decision: 'query', comment: '成本明细请附发票' }).expect(201);
    const back = await t.http().post(`/api/v1/disclosures/${draft.body.id}/withdraw`).set(manager).expect(200);

    const asInput = (l: typeof first) => ({ id: l.id, kind: l.kind, item: l.item, amountFen: l.amountFen, fields: l.fields, attachmentIds: l.attachments.map((a) => a.id) });
    const before = await t.db.getRepository(DisclosureLine).find({ where: { disclosureId: draft.body.id }, order: { seq: 'ASC' } });
    // A line of another disclosure (or a made-up one) is refused, and nothing changes.
    const other = await draftPublicIncome(t, manager, estate.community.id, await pdfVoucher()).expect(201);
    const foreign = await t.http().patch(`/api/v1/disclosures/${draft.body.id}`).set(manager).send({ rowVersion: back.body.rowVersion, lines: [{ ...asInput(first), id: other.body.lines[0].id }] }).expect(422);
    expect(foreign.body.code).toBe('DISCLOSURE_INVALID');
    expect(await t.db.getRepository(DisclosureLine).find({ where: { disclosureId: draft.body.id }, order: { seq: 'ASC' } })).toEqual(before);

    const revised = await t.http()
      .patch(`/api/v1/disclosures/${draft.body.id}`)
      .set(manager)
      .send({ rowVersion: back.body.rowVersion, lines: [asInput(first), { ...asInput(third), amountFen: 250000 }, asInput(fourth), { kind: first.kind, item: '快递柜场地费', amountFen: 12000, fields: first.fields }] })
      .expect(200);
    const lines = revised.body.lines as { id: number; item: string; amountFen: number }[];
    expect(lines.map((l) => l.id).slice(0, 3)).toEqual([first.id, third.id, fourth.id]);
    expect(lines[1].amountFen).toBe(250000);
    expect(lines[3]).toMatchObject({ item: '快递柜场地费' });
    expect(lines.some((l) => l.id === second.id)).toBe(false);
    // The query is still on the line it was asked about.
    const detail = await t.http().get(`/api/v1/disclosures/${draft.body.id}`).set(committee).expect(200);
    const query = (detail.body.reviews as { lineId: number | null; comment: string }[]).find((r) => r.comment === '成本明细请附发票');
    expect(query?.lineId).toBe(third.id);
  });

  it('goes draft → committee review line by line → chair sign-off → published, with totals computed', async () => {
    const draft = await draftPublicIncome(t, manager, estate.community.id, await pdfVoucher()).expect(201);
    expect(draft.body).toMatchObject({ state: 'draft', totals: { incomeFen: 2114567, costFen: 300000, netFen: 1814567, usedFen: 1000000, openingBalanceFen: 500000, closingBalanceFen: 1314567 } });
    expect(draft.body.lines[2].attachments[0]).toMatchObject({ kind: 'pdf' });
    // Residents do not see drafts.
    await t.http().get(`/api/v1/disclosures/${draft.body.id}`).set(resident).expect(404);
    const patched = await t.http().patch(`/api/v1/disclosures/${draft.body.id}`).set(manager).send({ title: '2026年第三季度公共收益公示' }).expect(200);
    expect(patched.body.lines).toHaveLength(4);

    await t.http().post(`/api/v1/disclosures/${draft.body.id}/submit`).set(manager).expect(200);
    // Each notice opens the page where its reader acts: the committee the review, the manager the draft with the query.
    const latestNotice = async (who: Auth) => (await t.http().get('/api/v1/notifications').set(who).expect(200)).body.items[0] as { kind: string; page: string; body: string; disclosureId: number | null };
    // The period in words, not its code (2026-Q3).
    expect(await latestNotice(committee)).toMatchObject({
      kind: 'disclosure_review',
      disclosureId: draft.body.id,
      page: `packages/review/pages/detail/index?id=${draft.body.id}`,
      body: '公共收益（2026年第3季度）：2026年第三季度公共收益公示',
    });
    const approve = await t.http().post(`/api/v1/disclosures/${draft.body.id}/reviews`).set(committee).send({ lineId: draft.body.lines[0].id, decision: 'approve' }).expect(201);
    expect(approve.body.state).toBe('in_review');
    // 已通过: the approved line says so; the others still wait.
    expect(approve.body.lines.map((l: { approved: boolean }) => l.approved)).toEqual([true, false, false, false]);
    await t.http().post(`/api/v1/disclosures/${draft.body.id}/reviews`).set(committee).send({ lineId: draft.body.lines[2].id, decision: 'query' }).expect(422);
    const queried = await t.http().post(`/api/v1/disclosures/${draft.body.id}/reviews`).set(committee).send({ lineId: draft.body.lines[2].id, decision: 'query', comment: '人员工资为何计入停车成本？请提供分摊依据' }).expect(201);
    const query = queried.body.reviews.find((r: { decision: string }) => r.decision === 'query');
    expect(queried.body.can.signOff).toBe(false);
    // The chair's page says why before the chair presses 签发.
    const waiting = await t.http().get(`/api/v1/disclosures/${draft.body.id}`).set(chair).expect(200);
    expect(waiting.body).toMatchObject({ can: { signOff: false }, blocked: { signOff: '还有 1 条质疑未回复，不能签发' } });

    const blocked = await t.http().post(`/api/v1/disclosures/${draft.body.id}/sign-off`).set(chair).expect(409);
    expect(blocked.body).toMatchObject({ code: 'OPEN_QUERIES', message: expect.stringContaining('1 条质疑未回复') });
    await t.http().post(`/api/v1/disclosures/${draft.body.id}/sign-off`).set(committee).expect(403);
    expect(await latestNotice(manager)).toMatchObject({ kind: 'disclosure_query', page: `packages/disclosures/pages/edit/index?id=${draft.body.id}` });
    await t.http().post(`/api/v1/disclosure-reviews/${query.id}/answer`).set(manager).send({ answer: '按停车管理岗位工时 30% 分摊，附考勤表' }).expect(200);
    // The committee is told the answer came, and the notice opens the review.
    expect(await latestNotice(chair)).toMatchObject({ kind: 'query_answered', body: expect.stringContaining('按停车管理岗位工时 30% 分摊'), page: `packages/review/pages/detail/index?id=${draft.body.id}` });

    // Answered, but only line 1 was approved: every line needs a member other than the one signing.
    const unapproved = await t.http().post(`/api/v1/disclosures/${draft.body.id}/sign-off`).set(chair).expect(409);
    expect(unapproved.body).toMatchObject({ code: 'LINES_NOT_APPROVED', message: expect.stringContaining('第 2、3、4 项') });
    // The chair's own approval does not count (nobody reviews what they sign), and the page says why before.
    await t.http().post(`/api/v1/disclosures/${draft.body.id}/reviews`).set(chair).send({ decision: 'approve' }).expect(201);
    const held = await t.http().get(`/api/v1/disclosures/${draft.body.id}`).set(chair).expect(200);
    expect(held.body).toMatchObject({ can: { signOff: false }, blocked: { signOff: expect.stringContaining('第 2、3、4 项') } });
    await t.http().post(`/api/v1/disclosures/${draft.body.id}/sign-off`).set(chair).expect(409);
    await t.http().post(`/api/v1/disclosures/${draft.body.id}/reviews`).set(committee).send({ decision: 'approve' }).expect(201);

    const signed = await t.http().post(`/api/v1/disclosures/${draft.body.id}/sign-off`).set(chair).expect(200);
    expect(signed.body).toMatchObject({ state: 'published', hash: expect.stringMatching(/^[0-9a-f]{64}$/), version: 1 });
    expect(new Date(signed.body.boardUntil).getTime() - new Date(signed.body.publishedAt).getTime()).toBe(30 * 86400_000);
    const row = await t.db.getRepository(Disclosure).findOneByOrFail({ id: draft.body.id });
    expect(row).toMatchObject({ chainSeq: 1, prevHash: null, signedOffById: chairId });

    const board = await t.http().get(`/api/v1/communities/${estate.community.id}/disclosures`).set(resident).expect(200);
    expect(board.body.items.map((d: { id: number }) => d.id)).toEqual([draft.body.id]);
    const seen = await t.http().get(`/api/v1/disclosures/${draft.body.id}`).set(resident).expect(200);
    expect(seen.body.reviews).toEqual([]); // the committee's working comments are theirs
    expect(seen.body.can).toMatchObject({ ask: true, edit: false });
  });

  it('refuses every write route on a published version, and changes nothing', async () => {
    const d = await draftPublicIncome(t, manager, estate.community.id, await voucher()).expect(201);
    const published = await publish(t, d.body.id, manager, committee, chair);
    const before = await t.db.getRepository(Disclosure).findOneByOrFail({ id: d.body.id });
    const lines = await t.db.getRepository(DisclosureLine).findBy({ disclosureId: d.body.id });
    const attempts = [
      t.http().patch(`/api/v1/disclosures/${d.body.id}`).set(manager).send({ title: '改标题' }),
      t.http().patch(`/api/v1/disclosures/${d.body.id}`).set(manager).send({ lines: [] }),
      t.http().post(`/api/v1/disclosures/${d.body.id}/submit`).set(manager),
      t.http().post(`/api/v1/disclosures/${d.body.id}/withdraw`).set(manager),
      t.http().post(`/api/v1/disclosures/${d.body.id}/reviews`).set(committee).send({ decision: 'approve' }),
      t.http().post(`/api/v1/disclosures/${d.body.id}/sign-off`).set(chair),
    ];
    for (const attempt of attempts) {
      const res = await attempt;
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'DISCLOSURE_PUBLISHED' });
    }
    const query = published.reviews[0];
    expect((await t.http().post(`/api/v1/disclosure-reviews/${query.id}/answer`).set(manager).send({ answer: 'x' })).status).toBe(409);
    expect(await t.db.getRepository(Disclosure).findOneByOrFail({ id: d.body.id })).toEqual(before);
    expect(await t.db.getRepository(DisclosureLine).findBy({ disclosureId: d.body.id })).toEqual(lines);
  });

  it('corrects a published version with a new one that supersedes it; both stay visible and the chain holds', async () => {
    const d = await draftPublicIncome(t, manager, estate.community.id, await voucher()).expect(201);
    await publish(t, d.body.id, manager, committee, chair);
    await t.http().post(`/api/v1/disclosures/${d.body.id}/corrections`).set(manager).send({}).expect(400);
    const lines = d.body.lines.map((l: Record<string, unknown>) => ({ kind: l.kind, item: l.item, amountFen: l.amountFen, fields: l.fields, attachmentIds: l.attachmentIds }));
    lines[0].amountFen = 1200000;
    const correction = await t.http().post(`/api/v1/disclosures/${d.body.id}/corrections`).set(manager).send({ reason: '广告收入合同金额录入有误', lines }).expect(201);
    expect(correction.body).toMatchObject({ state: 'draft', version: 2, correctionReason: '广告收入合同金额录入有误', totals: { incomeFen: 2080000 } });
    await t.http().post(`/api/v1/disclosures/${d.body.id}/corrections`).set(manager).send({ reason: '再改一次' }).expect(409);
    const v2 = await publish(t, correction.body.id, manager, committee, chair);
    expect(v2).toMatchObject({ state: 'published', version: 2 });
    expect(v2.versions.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    const old = await t.http().get(`/api/v1/disclosures/${d.body.id}`).set(resident).expect(200);
    expect(old.body.state).toBe('superseded');
    const chain = await t.http().get(`/api/v1/communities/${estate.community.id}/disclosures/chain`).set(resident).expect(200);
    expect(chain.body.map((c: { seq: number; version: number }) => [c.seq, c.version])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(chain.body[1].prevHash).toBe(chain.body[0].hash);
    expect((await t.http().get(`/api/v1/communities/${estate.community.id}/disclosures/chain/verify`).set(resident).expect(200)).body).toEqual({ valid: true, checked: 2 });
  });

  it('fails verification after a direct database edit, naming the altered version', async () => {
    const first = await draftPublicIncome(t, manager, estate.community.id, await voucher(), '2026-Q1').expect(201);
    await publish(t, first.body.id, manager, committee, chair);
    const second = await draftPublicIncome(t, manager, estate.community.id, await voucher(), '2026-Q2').expect(201);
    await publish(t, second.body.id, manager, committee, chair);
    const verify = () => t.http().get(`/api/v1/communities/${estate.community.id}/disclosures/chain/verify`).set(resident).expect(200);
    expect((await verify()).body).toEqual({ valid: true, checked: 2 });

    const line = await t.db.getRepository(DisclosureLine).findOneByOrFail({ disclosureId: first.body.id, seq: 1 });
    await t.db.query('UPDATE disclosure_line SET amount_fen = ? WHERE id = ?', [99, line.id]);
    expect((await verify()).body).toEqual({ valid: false, checked: 1, brokenAt: { id: first.body.id, seq: 1, reason: 'content_changed' } });
    await t.db.query('UPDATE disclosure_line SET amount_fen = ? WHERE id = ?', [line.amountFen, line.id]);
    expect((await verify()).body.valid).toBe(true);

    await t.db.query('UPDATE disclosure SET prev_hash = ? WHERE id = ?', ['0'.repeat(64), second.body.id]);
    expect((await verify()).body).toEqual({ valid: false, checked: 2, brokenAt: { id: second.body.id, seq: 2, reason: 'chain_broken' } });
  });

  it.each([
    ['area', 100001],
    ['area', 1],
    ['household', 99999],
  ] as const)('allocates a shared cost by %s so the shares add up to %i fen exactly, and each resident sees their own', async (method, total) => {
    const more = await createHouses(t.db, estate.community, '2栋', 5);
    await t.db.getRepository(House).update(more[0].id, { floorAreaCenti: 12345 });
    await t.db.getRepository(House).update(more[1].id, { floorAreaCenti: 6789 });
    const d = await t
      .http()
      .post('/api/v1/disclosures')
      .set(manager)
      .send({ communityId: estate.community.id, type: 'shared_cost', period: '2026-10', title: '10月公共能耗', content: { method }, lines: [{ kind: 'meter', item: '公共照明电表', amountFen: total, fields: { meterKind: 'electricity', quantity: 1234.5, unit: 'kWh' } }] })
      .expect(201);
    const published = await publish(t, d.body.id, manager, committee, chair);
    const [{ sum, n }] = await t.db.query('SELECT SUM(share_fen) AS sum, COUNT(*) AS n FROM disclosure_share WHERE disclosure_id = ?', [published.id]);
    expect(Number(sum)).toBe(total);
    expect(Number(n)).toBe(9);
    const mine = await t.http().get(`/api/v1/disclosures/${published.id}`).set(resident).expect(200);
    const [{ share }] = await t.db.query('SELECT share_fen AS share FROM disclosure_share WHERE disclosure_id = ? AND house_id = ?', [published.id, residentHouse.id]);
    expect(mine.body.myShares).toEqual([{ houseId: residentHouse.id, house: '1栋1单元0101', shareFen: Number(share), basis: method === 'area' ? '建筑面积 89.36㎡' : '按户均摊' }]);
  });

  const sharedCost = (content: Record<string, unknown>, amountFen = 10000) =>
    t
      .http()
      .post('/api/v1/disclosures')
      .set(manager)
      .send({ communityId: estate.community.id, type: 'shared_cost', period: '2026-10', title: '10月二次供水电费', content, lines: [{ kind: 'meter', item: '二次供水水泵电表', amountFen, fields: { meterKind: 'electricity', quantity: 800, unit: 'kWh' } }] });
  const storedShares = async (id: number) =>
    new Map(((await t.db.query('SELECT house_id AS h, share_fen AS s FROM disclosure_share WHERE disclosure_id = ?', [id])) as { h: number; s: number }[]).map((r) => [Number(r.h), Number(r.s)]));

  it('shares a cost among chosen buildings only, and says so to everyone', async () => {
    const second = await createHouses(t.db, estate.community, '2栋', 3);
    const third = await createHouses(t.db, estate.community, '3栋', 2);
    // By area over the whole estate: every house's floor area (0.01 m²).
    const whole = await sharedCost({ method: 'area' }).expect(201);
    const allHouses = [...estate.houses, ...second, ...third];
    expect(whole.body.allocation).toEqual({ method: 'area', buildings: null, houses: 9, weightTotal: allHouses.reduce((a, h) => a + h.floorAreaCenti, 0) });
    const d = await sharedCost({ method: 'household', buildingIds: [second[0].buildingId, estate.houses[0].buildingId] }, 7001).expect(201);
    expect(d.body.allocation).toEqual({ method: 'household', buildings: ['1栋', '2栋'], houses: 7, weightTotal: 7 });
    const published = await publish(t, d.body.id, manager, committee, chair);
    const shares = await storedShares(published.id);
    expect([...shares.keys()].sort((a, b) => a - b)).toEqual([...estate.houses, ...second].map((h) => h.id).sort((a, b) => a - b));
    expect([...shares.values()].reduce((a, b) => a + b, 0)).toBe(7001);
    // Houses added to 2栋 after publication do not change what was published.
    await t.db.getRepository(House).insert({ communityId: estate.community.id, buildingId: second[0].buildingId, unit: '1单元', floor: 9, number: '0901', floorAreaCenti: 9000, propertyType: 'residence' });
    const seen = await t.http().get(`/api/v1/disclosures/${published.id}`).set(resident).expect(200);
    expect(seen.body.allocation).toEqual({ method: 'household', buildings: ['1栋', '2栋'], houses: 7, weightTotal: 7 });
    expect(seen.body.myShares).toEqual([{ houseId: residentHouse.id, house: '1栋1单元0101', shareFen: shares.get(residentHouse.id), basis: '按户均摊' }]);

    // A building of another estate is refused, and nothing is stored.
    const other = await createEstate(t.db);
    const count = await t.db.getRepository(Disclosure).count();
    const foreign = await sharedCost({ method: 'area', buildingIds: [other.houses[0].buildingId] }).expect(422);
    expect(foreign.body).toMatchObject({ code: 'DISCLOSURE_INVALID', details: { problems: [{ field: 'content.buildingIds', problem: '所选楼栋不属于本小区' }] } });
    expect(await t.db.getRepository(Disclosure).count()).toBe(count);

    // A building with no houses yet can be drafted, but not submitted: nobody would pay.
    const empty = await t.db.getRepository(Building).save({ communityId: estate.community.id, name: '9栋' });
    const nobody = await sharedCost({ method: 'area', buildingIds: [empty.id] }).expect(201);
    expect(nobody.body.allocation).toEqual({ method: 'area', buildings: ['9栋'], houses: 0, weightTotal: 0 });
    const refused = await t.http().post(`/api/v1/disclosures/${nobody.body.id}/submit`).set(manager).expect(422);
    expect(refused.body).toMatchObject({ code: 'DISCLOSURE_INVALID', details: { problems: [{ field: 'content.buildingIds', problem: '分摊范围内没有房屋，请先导入房屋或另选楼栋' }] } });
    expect((await t.db.getRepository(Disclosure).findOneByOrFail({ id: nobody.body.id })).state).toBe('draft');
  });

  it('shares a cost by agreed shares: only the houses given one pay, in proportion; residents never see the others’ shares', async () => {
    const [a, b, c] = estate.houses;
    const d = await sharedCost({ method: 'fixed', fixedShares: [{ houseId: a.id, weight: 3 }, { houseId: b.id, weight: 1 }, { houseId: c.id, weight: 1 }] }, 1001).expect(201);
    expect(d.body.allocation).toMatchObject({ method: 'fixed', buildings: null, houses: 3, weightTotal: 5 });
    expect(d.body.content.fixedShares).toHaveLength(3);
    const published = await publish(t, d.body.id, manager, committee, chair);
    // 1001 fen in 3:1:1 is 600.6, 200.2, 200.2: the spare fen goes to the largest remainder.
    expect(await storedShares(published.id)).toEqual(new Map([[a.id, 601], [b.id, 200], [c.id, 200]]));
    const seen = await t.http().get(`/api/v1/disclosures/${published.id}`).set(resident).expect(200);
    expect(seen.body.myShares).toEqual([{ houseId: a.id, house: '1栋1单元0101', shareFen: 601, basis: '约定份额 3' }]);
    expect(seen.body.allocation).toEqual({ method: 'fixed', buildings: null, houses: 3, weightTotal: 5 });
    expect(seen.body.content.fixedShares).toBeUndefined();
    expect(JSON.stringify(seen.body)).not.toContain(`"houseId":${b.id}`);
    expect(JSON.stringify(seen.body)).not.toContain('0201');
    // The committee still sees the agreed shares it signed off, house by house.
    const internal = (await t.http().get(`/api/v1/disclosures/${published.id}`).set(committee).expect(200)).body;
    expect(internal.content.fixedShares).toEqual([
      { houseId: a.id, weight: 3 },
      { houseId: b.id, weight: 1 },
      { houseId: c.id, weight: 1 },
    ]);
    expect(internal.allocation.agreed).toEqual([
      { houseId: a.id, buildingId: a.buildingId, house: '1栋1单元0101', weight: 3 },
      { houseId: b.id, buildingId: a.buildingId, house: '1栋1单元0201', weight: 1 },
      { houseId: c.id, buildingId: a.buildingId, house: '1栋1单元0301', weight: 1 },
    ]);
  });

  it.each([
    [[], '按约定份额分摊时，须给出每户的份额（正整数）'],
    [[{ houseId: 1, weight: 0 }], '按约定份额分摊时，须给出每户的份额（正整数）'],
    [[{ houseId: 1, weight: 1.5 }], '按约定份额分摊时，须给出每户的份额（正整数）'],
  ])('refuses agreed shares %j with a reason, and stores nothing', async (fixedShares, problem) => {
    const count = await t.db.getRepository(Disclosure).count();
    const res = await sharedCost({ method: 'fixed', fixedShares }).expect(422);
    expect(res.body).toMatchObject({ code: 'DISCLOSURE_INVALID', details: { problems: [{ field: 'content.fixedShares', problem }] } });
    expect(await t.db.getRepository(Disclosure).count()).toBe(count);
  });

  it('refuses agreed shares for a house twice or a house of another estate', async () => {
    const other = await createEstate(t.db);
    const [a] = estate.houses;
    for (const fixedShares of [[{ houseId: a.id, weight: 1 }, { houseId: a.id, weight: 2 }], [{ houseId: a.id, weight: 1 }, { houseId: other.houses[0].id, weight: 1 }]]) {
      const res = await sharedCost({ method: 'fixed', fixedShares }).expect(422);
      expect(res.body).toMatchObject({ code: 'DISCLOSURE_INVALID', details: { problems: [{ field: 'content.fixedShares', problem: '约定份额中有不属于本小区或重复的房屋' }] } });
    }
  });

  it('refuses malformed disclosures with the line and field named, and nothing stored', async () => {
    const count = await t.db.getRepository(Disclosure).count();
    const bad = await t
      .http()
      .post('/api/v1/disclosures')
      .set(manager)
      .send({ communityId: estate.community.id, type: 'public_income', period: '2026-Q3', title: 'x', lines: [{ kind: 'income', item: '广告', amountFen: 100, fields: { category: 'lottery', counterparty: 'A' } }, { kind: 'meter', item: '电表', amountFen: 1 }] })
      .expect(422);
    expect(bad.body).toMatchObject({ code: 'DISCLOSURE_INVALID', message: expect.stringContaining('第 1 行') });
    expect(bad.body.details.problems.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([
      [1, 'category'],
      [2, 'kind'],
    ]);
    await t.http().post('/api/v1/disclosures').set(manager).send({ communityId: estate.community.id, type: 'shared_cost', period: '2026-Q3', title: 'x', lines: [] }).expect(422);
    await t.http().post('/api/v1/disclosures').set(manager).send({ communityId: estate.community.id, type: 'public_income', period: '2026-Q3', title: 'x', lines: [{ kind: 'income', item: '广告', amountFen: 1.5, fields: { category: 'advertising', counterparty: 'A' } }] }).expect(400);
    expect(await t.db.getRepository(Disclosure).count()).toBe(count);

    const noVoucher = await t.http().post('/api/v1/disclosures').set(manager).send({ communityId: estate.community.id, type: 'maintenance_expense', period: '2026-10', title: '维保', lines: [{ kind: 'expense', item: '电梯年检', amountFen: 350000, fields: { category: 'elevator', contractor: '某电梯公司', date: '2026-10-08' } }] }).expect(201);
    const submit = await t.http().post(`/api/v1/disclosures/${noVoucher.body.id}/submit`).set(manager).expect(422);
    expect(submit.body.message).toContain('凭证');
    await t.http().post('/api/v1/disclosures').set(resident).send({ communityId: estate.community.id, type: 'shared_cost', period: '2026-10', title: 'x', lines: [] }).expect(403);
  });

  it('takes questions from residents, and puts those unanswered past the deadline before the committee and the office', async () => {
    const officeUser = await createUser(t.db, [roleIn(estate).office]);
    const d = await draftPublicIncome(t, manager, estate.community.id, await voucher()).expect(201);
    await publish(t, d.body.id, manager, committee, chair);
    const asked = await t.http().post(`/api/v1/disclosures/${d.body.id}/questions`).set(resident).send({ lineId: d.body.lines[0].id, text: '广告收入为何比上季度少？' }).expect(201);
    const q = asked.body.questions[0];
    expect(q).toMatchObject({ asker: '1栋业主', answer: null, overdue: false });
    expect(new Date(q.dueAt).getTime() - new Date(q.createdAt).getTime()).toBeGreaterThan(10 * 86400_000 - 5000);

    await t.db.getRepository(DisclosureQuestion).update(q.id, { dueAt: new Date(Date.now() - 1000) });
    const overdue = await t.http().get(`/api/v1/communities/${estate.community.id}/questions?filter=overdue`).set(await t.signIn(officeUser.devKey)).expect(200);
    expect(overdue.body.items.map((i: { id: number }) => i.id)).toEqual([q.id]);
    expect(await t.app.get(DisclosureQuestionsService).flagOverdueQuestions()).toBe(1);
    expect(await t.app.get(DisclosureQuestionsService).flagOverdueQuestions()).toBe(0);
    const told = await t.db.getRepository(Notification).findBy({ kind: 'question_overdue', userId: officeUser.user.id });
    expect(told).toHaveLength(1);
    expect(await t.db.getRepository(Notification).countBy({ kind: 'question_overdue', userId: chairId })).toBe(1);

    const answered = await t.http().post(`/api/v1/questions/${q.id}/answer`).set(manager).send({ answer: '两块广告位合同到期，正在招商' }).expect(200);
    expect(answered.body).toMatchObject({ answer: '两块广告位合同到期，正在招商', overdue: false });
    await t.http().post(`/api/v1/questions/${q.id}/answer`).set(manager).send({ answer: '再答' }).expect(409);
    await t.http().put(`/api/v1/communities/${estate.community.id}/disclosure-settings`).set(chair).send({ questionAnswerDays: 5 }).expect(200);
    const next = await t.http().post(`/api/v1/disclosures/${d.body.id}/questions`).set(resident).send({ text: '维修资金余额是多少？' }).expect(201);
    const last = next.body.questions.at(-1);
    expect(Math.round((new Date(last.dueAt).getTime() - new Date(last.createdAt).getTime()) / 86400_000)).toBe(5);
  });

  it('lists which disclosures are due and overdue', async () => {
    const today = new Date(Date.now() + 8 * 3600e3);
    const monthBack = (n: number) => {
      const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - n, 1));
      return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    };
    const d = await t
      .http()
      .post('/api/v1/disclosures')
      .set(manager)
      .send({ communityId: estate.community.id, type: 'shared_cost', period: monthBack(1), title: '上月公摊', lines: [{ kind: 'meter', item: '电表', amountFen: 1000, fields: { meterKind: 'electricity', quantity: 10, unit: 'kWh' } }] })
      .expect(201);
    await publish(t, d.body.id, manager, committee, chair);
    const office = await t.signInAs(roleIn(estate).office);
    const res = await t.http().get(`/api/v1/communities/${estate.community.id}/disclosure-compliance?months=3`).set(office).expect(200);
    const status = (type: string, period: string) => res.body.items.find((i: { type: string; period: string }) => i.type === type && i.period === period)?.status;
    expect(status('shared_cost', monthBack(1))).toBe('published');
    expect(status('shared_cost', monthBack(1))).toBeDefined();
    expect(status('shared_cost', monthBack(2))).toBe('overdue');
    expect(res.body.overdue).toBeGreaterThanOrEqual(1);
    const area = await t.http().get(`/api/v1/disclosure-compliance?areaId=${estate.town.id}&months=3`).set(office).expect(200);
    expect(area.body.map((c: { communityId: number }) => c.communityId)).toEqual([estate.community.id]);
    await t.http().get(`/api/v1/communities/${estate.community.id}/disclosure-compliance`).set(resident).expect(403);
  });

  it('exports a disclosure and a year as .xlsx with amounts formatted in 元', async () => {
    const d = await draftPublicIncome(t, manager, estate.community.id, await voucher()).expect(201);
    await publish(t, d.body.id, manager, committee, chair);
    const res = await download(`/api/v1/disclosures/${d.body.id}/export.xlsx`, resident);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(res.headers['content-disposition'])).toContain('公共收益-2026-Q3');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0];
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(c)));
    const ad = cells.find((c) => c.value === 12345.67);
    expect(ad?.numFmt).toBe('#,##0.00');
    expect(cells.some((c) => c.value === '广告收入')).toBe(true);
    expect(cells.some((c) => typeof c.value === 'string' && c.value.length === 64)).toBe(true); // the hash
    const year = await download(`/api/v1/communities/${estate.community.id}/disclosures/export.xlsx?year=2026`, resident);
    const wy = new ExcelJS.Workbook();
    await wy.xlsx.load(year.body);
    expect(wy.worksheets.map((w) => w.name)).toEqual(['公共收益2026-Q3v1']);
  });

  it('exports a shared cost with how it was shared; the committee’s copy also lists each house’s share and its basis', async () => {
    const [a, b] = estate.houses;
    const d = await sharedCost({ method: 'fixed', fixedShares: [{ houseId: a.id, weight: 3 }, { houseId: b.id, weight: 1 }] }, 1000).expect(201);
    const published = await publish(t, d.body.id, manager, committee, chair);
    const sheets = async (who: Auth) => {
      const res = await download(`/api/v1/disclosures/${published.id}/export.xlsx`, who);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body);
      return wb.worksheets.map((ws) => {
        const rows: string[] = [];
        ws.eachRow((row) => rows.push((row.values as unknown[]).filter((v) => v !== null && v !== undefined && v !== '').join(' | ')));
        return rows;
      });
    };
    const [residentCopy, ...residentExtra] = await sheets(resident);
    expect(residentExtra).toEqual([]);
    expect(residentCopy).toEqual(expect.arrayContaining(['分摊方式 | 按约定份额分摊', '参与分摊 | 2 户', '约定份额合计 | 4 份', '每份 | 约 ¥2.50', '我的分摊：1栋1单元0101（约定份额 3） | 7.5']));
    expect(residentCopy.join('\n')).not.toContain('0201');
    const [, shares] = await sheets(committee);
    expect(shares).toEqual(['房屋 | 分摊依据 | 约定份额 | 分摊金额（元）', '1栋1单元0101 | 约定份额 3 | 3 | 7.5', '1栋1单元0201 | 约定份额 1 | 1 | 2.5', '合计 | 4 | 10']);
  });

  it('shows whether a maintenance-fund withdrawal passed the owners’ vote it cites (民法典 278), never counts typed in', async () => {
    const v = await voucher();
    const passed = await createClosedVote(t.db, estate.community, true);
    const failed = await createClosedVote(t.db, estate.community, false);
    const withdrawal = (item: string, fields: object) => ({ kind: 'withdrawal', item, amountFen: 5000000, fields: { date: '2026-09-01', ...fields }, attachmentIds: [v] });
    const draftFund = (lines: object[]) => t.http().post('/api/v1/disclosures').set(manager).send({ communityId: estate.community.id, type: 'maintenance_fund', period: '2026-09', title: '维修资金使用', lines });
    const d = await draftFund([withdrawal('屋面防水', { voteId: passed.id }), { ...withdrawal('外墙修缮', { voteId: failed.id }), attachmentIds: [] }]).expect(201);
    expect(d.body.lines.map((l: { fields: { votePassed: boolean; voteTitle: string } }) => [l.fields.votePassed, l.fields.voteTitle])).toEqual([
      [true, passed.title],
      [false, failed.title],
    ]);
    // Counts typed in are not a vote; nor is a vote of another kind, one still open or one of another estate.
    const typed = await draftFund([withdrawal('屋面防水', { areaForCenti: 35750, headsFor: 4 })]).expect(422);
    expect(typed.body.details.problems).toEqual(expect.arrayContaining([expect.objectContaining({ line: 1, field: 'voteId' })]));
    const feeVote = await createClosedVote(t.db, estate.community, true, 'fee_change');
    const elsewhere = await createClosedVote(t.db, (await createEstate(t.db)).community, true);
    const open = await createClosedVote(t.db, estate.community, true);
    await t.db.getRepository(Vote).update(open.id, { state: 'open' });
    for (const vote of [feeVote, elsewhere, open]) {
      const res = await draftFund([withdrawal('屋面防水', { voteId: vote.id })]).expect(422);
      expect(res.body.details.problems).toEqual([expect.objectContaining({ line: 1, field: 'voteId', problem: '所选表决不是本小区已结束的「使用维修资金」表决' })]);
    }
  });

});
