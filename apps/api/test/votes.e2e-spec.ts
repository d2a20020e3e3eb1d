import { HouseBinding } from '../src/modules/identity/house-binding.entity';
import { Notification } from '../src/modules/notifications/notification.entity';
import { House } from '../src/modules/org/house.entity';
import { Vote } from '../src/modules/votes/vote.entity';
import { VotesService } from '../src/modules/votes/votes.service';
import { createTestApp, TestApp } from './support/app';
import { createEstate, createHouses, createResident, createUser, Estate, roleIn } from './support/fixtures';
import { photo } from './support/images';
import { uploadPhoto } from './support/tickets';

type Auth = { Authorization: string };

/** 业主共同决定 (民法典 278): drafting, approval, the frozen voter list, one ballot per house, the published result. */
describe('votes', () => {
  let t: TestApp;
  let estate: Estate;
  let houses: House[];
  let chair: Auth;
  let committee: Auth;
  let office: Auth;
  let manager: Auth;
  /** The owner of each house, in the order of `houses`. */
  let owners: Auth[];

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    estate = await createEstate(t.db);
    // Six houses of 100.00 m² each, one owner each: ⅔ is exactly four.
    houses = [...estate.houses, ...(await createHouses(t.db, estate.community, '2栋', 2))];
    for (const h of houses) await t.db.getRepository(House).update(h.id, { floorAreaCenti: 10000 });
    owners = [];
    for (const h of houses) owners.push(await t.signIn((await createResident(t.db, h)).devKey));
    const r = roleIn(estate);
    [chair, committee, office, manager] = await Promise.all([r.chair, r.committee, r.office, r.manager].map(async (spec) => t.signIn((await createUser(t.db, [spec])).devKey)));
  });
  afterAll(() => t.close());

  const inAWeek = () => new Date(Date.now() + 7 * 86400e3).toISOString();
  const draft = (body: object = {}) =>
    t
      .http()
      .post('/api/v1/votes')
      .set(chair)
      .send({ communityId: estate.community.id, matter: 'fee_change', title: '关于调整物业费的表决', text: '物业费由每平方米 1.5 元调整为 1.8 元', endsAt: inAWeek(), ...body });
  const stepAs = (auth: Auth, id: number, step: string, status = 200, note?: string) => t.http().post(`/api/v1/votes/${id}/actions`).set(auth).send({ step, note }).expect(status);
  /** A vote drafted, submitted and opened. */
  const openVote = async (body: object = {}): Promise<number> => {
    const id = (await draft(body).expect(201)).body.id as number;
    await stepAs(chair, id, 'submit');
    await stepAs(office, id, 'approve');
    return id;
  };
  const cast = (auth: Auth, id: number, houseId: number, choice: number) => t.http().post(`/api/v1/votes/${id}/ballots`).set(auth).send({ houseId, choice });
  /** Owners 0…n-1 vote with the given choices. */
  const castAll = async (id: number, choices: number[]) => {
    for (const [i, choice] of choices.entries()) await cast(owners[i], id, houses[i].id, choice).expect(201);
  };
  const endWindow = (id: number) => t.db.getRepository(Vote).update(id, { endsAt: new Date(Date.now() - 1000) });
  const close = async (id: number) => {
    await endWindow(id);
    return (await t.http().post(`/api/v1/votes/${id}/close`).set(chair).expect(200)).body;
  };
  const get = async (auth: Auth, id: number) => (await t.http().get(`/api/v1/votes/${id}`).set(auth).expect(200)).body;

  it('runs draft → approval → open → closed, each step only by whom the table names', async () => {
    const created = (await draft().expect(201)).body;
    expect(created).toMatchObject({ state: 'draft', options: ['同意', '反对', '弃权'], turnout: null, can: { submit: true, withdraw: true, approve: false, edit: true } });
    // Residents do not see drafts; the office does, but may not submit for the chair.
    await t.http().get(`/api/v1/votes/${created.id}`).set(owners[0]).expect(404);
    expect((await t.http().post(`/api/v1/votes/${created.id}/actions`).set(office).send({ step: 'submit' }).expect(403)).body.code).toBe('ACTION_NOT_ALLOWED');
    await stepAs(chair, created.id, 'submit');
    // The chair may not approve their own matter; sending back needs a reason and returns it to the chair.
    expect((await stepAs(chair, created.id, 'approve', 403)).body.code).toBe('ACTION_NOT_ALLOWED');
    expect((await stepAs(office, created.id, 'reject', 422)).body.code).toBe('VALIDATION_FAILED');
    const back = (await stepAs(office, created.id, 'reject', 200, '请附上物业费测算表')).body;
    expect(back).toMatchObject({ state: 'draft', note: '请附上物业费测算表' });
    await t.http().put(`/api/v1/votes/${created.id}`).set(chair).send({ text: '附测算表：物业费由每平方米 1.5 元调整为 1.8 元' }).expect(200);
    await stepAs(chair, created.id, 'submit');
    const opened = (await stepAs(office, created.id, 'approve')).body;
    expect(opened).toMatchObject({ state: 'open', openedAt: expect.any(String), can: { close: false } });
    expect(opened.turnout).toMatchObject({ totalAreaCenti: 60000, totalHeads: 6, participatingHeads: 0, houses: 6 });
    // Open: no more editing or withdrawing; closing waits for the window (or every house).
    expect((await t.http().put(`/api/v1/votes/${created.id}`).set(chair).send({ title: '改标题' }).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
    expect((await stepAs(chair, created.id, 'withdraw', 409)).body.code).toBe('ILLEGAL_TRANSITION');
    expect((await t.http().post(`/api/v1/votes/${created.id}/close`).set(chair).expect(409)).body.code).toBe('VOTE_NOT_ENDED');
    // Owners see it and may cast; the manager may read it, but not close it.
    expect((await get(owners[0], created.id)).can).toMatchObject({ cast: true, close: false });
    await t.http().post(`/api/v1/votes/${created.id}/close`).set(manager).expect(403);
    // A withdrawn draft stays withdrawn.
    const other = (await draft().expect(201)).body.id;
    expect((await stepAs(chair, other, 'withdraw')).body.state).toBe('withdrawn');
    expect((await stepAs(chair, other, 'submit', 409)).body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('passes at exactly ⅔ turnout with more than half, and fails at exactly half or below the quorum', async () => {
    // 4 of 6 houses (exactly ⅔ of area and heads), 3 for: passes.
    const passing = await openVote();
    await castAll(passing, [0, 0, 0, 1]);
    const passed = await close(passing);
    expect(passed.result).toMatchObject({ quorum: true, threshold: '1/2', participatingHeads: 4, participatingAreaCenti: 40000, passedOption: 0 });
    expect(passed).toMatchObject({ state: 'closed', passedOption: '同意' });
    // 4 of 6, 2 for and 2 against: exactly half is not more than half.
    const tied = await openVote();
    await castAll(tied, [0, 0, 1, 1]);
    expect((await close(tied)).result).toMatchObject({ quorum: true, passedOption: null });
    // 3 of 6, all for: below ⅔, nothing passes.
    const thin = await openVote();
    await castAll(thin, [0, 0, 0]);
    expect((await close(thin)).result).toMatchObject({ quorum: false, passedOption: null });
  });

  it('needs ¾ for 筹集维修资金: exactly ¾ passes, ⅔ does not', async () => {
    const atThreeQuarters = await openVote({ matter: 'fund_raise', title: '关于筹集维修资金的表决' });
    await castAll(atThreeQuarters, [0, 0, 0, 1]);
    expect((await close(atThreeQuarters)).result).toMatchObject({ threshold: '3/4', passedOption: 0 });
    const atTwoThirds = await openVote({ matter: 'fund_raise', title: '关于筹集维修资金的表决' });
    await castAll(atTwoThirds, [0, 0, 0, 0, 1, 1]);
    expect((await close(atTwoThirds)).result).toMatchObject({ threshold: '3/4', passedOption: null });
  });

  it('takes one ballot per house, from a verified owner on the list', async () => {
    const id = await openVote();
    await cast(owners[0], id, houses[0].id, 0).expect(201);
    // The house has voted; a second owner bound after opening is not on the list either (below).
    const coOwner = await t.signIn((await createResident(t.db, houses[0])).devKey);
    expect((await cast(owners[0], id, houses[0].id, 1).expect(409)).body.code).toBe('BALLOT_ALREADY_CAST');
    // Another owner's house, a family member, a tenant: not theirs to vote for.
    expect((await cast(owners[1], id, houses[2].id, 0).expect(403)).body.code).toBe('NOT_ON_VOTER_LIST');
    const family = await t.signIn((await createResident(t.db, houses[1], 'family')).devKey);
    expect((await cast(family, id, houses[1].id, 0).expect(403)).body.code).toBe('NOT_ON_VOTER_LIST');
    // Bound after opening: not on the frozen list, even as an owner.
    expect((await cast(coOwner, id, houses[0].id, 0).expect(403)).body.code).toBe('NOT_ON_VOTER_LIST');
    // An option that does not exist changes nothing.
    expect((await cast(owners[1], id, houses[1].id, 5).expect(422)).body.code).toBe('VALIDATION_FAILED');
    expect((await get(chair, id)).turnout).toMatchObject({ ballots: 1, participatingHeads: 1 });
  });

  it('counts a person owning several houses once for heads, with the area of every house (解释第9条)', async () => {
    // The owner of house 0 also owns houses 1 and 2 (their own owners gave them up before the vote).
    const [multi] = await t.db.getRepository(HouseBinding).find({ where: { houseId: houses[0].id }, take: 1 });
    for (const h of houses.slice(1, 3)) {
      await t.db.getRepository(HouseBinding).update({ houseId: h.id }, { state: 'removed' });
      await t.db.getRepository(HouseBinding).insert({ userId: multi.userId, houseId: h.id, communityId: h.communityId, relation: 'owner', state: 'approved', applicantNote: null, decidedById: null, decidedAt: new Date(), reason: null });
    }
    const id = await openVote();
    // 6 houses, 4 persons.
    expect((await get(chair, id)).turnout).toMatchObject({ totalHeads: 4, totalAreaCenti: 60000 });
    for (const h of houses.slice(0, 3)) await cast(owners[0], id, h.id, 0).expect(201);
    expect((await get(owners[0], id)).myHouses.map((m: { ballot: unknown }) => m.ballot)).toHaveLength(3);
    // Half the area but one person of four; with one more owner, 4 houses but 2 persons.
    await cast(owners[3], id, houses[3].id, 0).expect(201);
    let turnout = (await get(chair, id)).turnout;
    expect(turnout).toMatchObject({ participatingHeads: 2, participatingAreaCenti: 40000, ballots: 4 });
    await cast(owners[4], id, houses[4].id, 1).expect(201);
    turnout = (await get(chair, id)).turnout;
    expect(turnout).toMatchObject({ participatingHeads: 3, participatingAreaCenti: 50000 });
    // 3 of 4 persons, 5 of 6 houses; for: 2 persons (the one of three houses and house 3) and 400 of 500 m².
    const closed = await close(id);
    expect(closed.result).toMatchObject({ quorum: true, totalHeads: 4, passedOption: 0 });
    expect(closed.result.options[0]).toMatchObject({ heads: 2, areaCenti: 40000 });
  });

  it('keeps the voter list and the areas frozen when a house changes hands during the vote', async () => {
    const id = await openVote();
    // House 0 is sold while the vote is open: the old owner's binding is removed, the buyer's approved, and the
    // house's recorded area corrected.
    const [old] = await t.db.getRepository(HouseBinding).findBy({ houseId: houses[0].id });
    await t.db.getRepository(HouseBinding).update(old.id, { state: 'removed' });
    const buyer = await t.signIn((await createResident(t.db, houses[0])).devKey);
    await t.db.getRepository(House).update(houses[0].id, { floorAreaCenti: 99999 });
    expect((await cast(buyer, id, houses[0].id, 0).expect(403)).body.code).toBe('NOT_ON_VOTER_LIST');
    // The owner on the list at opening still casts the house's ballot, with the area as it was then.
    await cast(owners[0], id, houses[0].id, 1).expect(201);
    expect((await get(chair, id)).turnout).toMatchObject({ totalAreaCenti: 60000, participatingAreaCenti: 10000 });
    // The buyer sees no house of theirs in this vote.
    expect((await get(buyer, id)).myHouses).toEqual([]);
  });

  it('shows residents only the turnout while open, their own ballot, and the totals once closed', async () => {
    const id = await openVote();
    await castAll(id, [0, 1, 0, 0]);
    const paperPhoto = await uploadPhoto(t, committee, await photo());
    const paper = await t.http().post(`/api/v1/votes/${id}/ballots`).set(committee).send({ houseId: houses[4].id, choice: 2, paperPhotoId: paperPhoto }).expect(201);
    expect(paper.body).toMatchObject({ paper: true, paperState: 'pending', option: '弃权', photo: { id: paperPhoto } });
    await t.http().post(`/api/v1/votes/${id}/ballots/${paper.body.id}/actions`).set(office).send({ step: 'confirm' }).expect(200);
    // A resident: turnout, no tally; their own ballot and nobody else's.
    const seen = await get(owners[1], id);
    expect(seen.result).toBeNull();
    expect(seen.turnout).toMatchObject({ ballots: 5, participatingHeads: 5 });
    expect(JSON.stringify(seen.turnout)).not.toMatch(/option/);
    expect(seen.myHouses).toEqual([expect.objectContaining({ houseId: houses[1].id, ballot: expect.objectContaining({ option: '反对' }) })]);
    const mine = (await t.http().get(`/api/v1/votes/${id}/ballots`).set(owners[1]).expect(200)).body;
    expect(mine.map((b: { houseId: number }) => b.houseId)).toEqual([houses[1].id]);
    // The committee and the office see every ballot, the paper one with its photo; the manager none.
    for (const insider of [committee, chair, office]) {
      const all = (await t.http().get(`/api/v1/votes/${id}/ballots`).set(insider).expect(200)).body;
      expect(all).toHaveLength(5);
    }
    await t.http().get(`/api/v1/votes/${id}/ballots`).set(manager).expect(403);
    // A non-committee member may not enter a paper ballot.
    const ownPhoto = await uploadPhoto(t, owners[5], await photo());
    expect((await t.http().post(`/api/v1/votes/${id}/ballots`).set(owners[5]).send({ houseId: houses[5].id, choice: 0, paperPhotoId: ownPhoto }).expect(403)).body.code).toBe('ACTION_NOT_ALLOWED');
    // Closed: the totals for everyone; still only their own ballot.
    await close(id);
    const after = await get(owners[1], id);
    expect(after.result.options.map((o: { heads: number }) => o.heads)).toEqual([3, 1, 1]);
    expect((await t.http().get(`/api/v1/votes/${id}/ballots`).set(owners[1]).expect(200)).body).toHaveLength(1);
    // Casting after close changes nothing.
    expect((await cast(owners[5], id, houses[5].id, 0).expect(409)).body.code).toBe('VOTE_NOT_OPEN');
  });

  it('publishes the frozen result as the next link of the estate’s disclosure chain, also when the window ends by itself', async () => {
    const id = await openVote();
    await castAll(id, [0, 0, 0, 0, 1]);
    const closed = await close(id);
    expect(closed.disclosureId).toEqual(expect.any(Number));
    const chain = (await t.http().get(`/api/v1/communities/${estate.community.id}/disclosures/chain`).set(owners[2]).expect(200)).body;
    expect(chain.at(-1)).toMatchObject({ id: closed.disclosureId, type: 'vote_result', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const published = (await t.http().get(`/api/v1/disclosures/${closed.disclosureId}`).set(owners[2]).expect(200)).body;
    expect(published).toMatchObject({ state: 'published', type: 'vote_result', vote: { voteId: id, tally: { passedOption: 0, participatingHeads: 5 } } });
    expect(JSON.stringify(published)).not.toContain(`1单元${houses[0].number}`);
    expect((await t.http().get(`/api/v1/communities/${estate.community.id}/disclosures/chain/verify`).set(owners[2]).expect(200)).body).toMatchObject({ valid: true });
    // The result cannot be corrected by hand, nor a vote result drafted.
    expect((await t.http().get(`/api/v1/disclosures/${closed.disclosureId}`).set(manager).expect(200)).body.can.correct).toBe(false);
    const correction = await t.http().post(`/api/v1/disclosures/${closed.disclosureId}/corrections`).set(manager).send({ reason: '改结果', lines: [] }).expect(409);
    expect(correction.body.code).toBe('DISCLOSURE_PUBLISHED');
    await t.http().post('/api/v1/disclosures').set(manager).send({ communityId: estate.community.id, type: 'vote_result', period: '2026-01', title: '伪造结果', lines: [] }).expect(400);

    // Its share card for the owners' group: the estate and the matter's kind, not the chair's title, nobody's room.
    const card = (await t.http().get(`/api/v1/share-cards/vote/${id}`).set(owners[2]).expect(200)).body;
    expect(card).toMatchObject({ kind: 'vote', id, title: `${estate.community.name} 业主共同决定结果：调整物业费`, canOpen: true });

    // A vote whose window ended is closed by the scheduled job, and published the same way.
    const second = await openVote({ title: '关于续聘物业的表决', matter: 'company' });
    // While open there is no card: it would invite a running tally.
    await t.http().get(`/api/v1/share-cards/vote/${second}`).set(owners[2]).expect(404);
    await castAll(second, [0, 0, 0, 0]);
    await endWindow(second);
    expect(await t.app.get(VotesService).closeEnded()).toBe(1);
    const byJob = await get(owners[0], second);
    expect(byJob).toMatchObject({ state: 'closed', passedOption: '同意', result: { participatingHeads: 4 } });
    const after = (await t.http().get(`/api/v1/communities/${estate.community.id}/disclosures/chain`).set(owners[2]).expect(200)).body;
    expect(after.at(-1)).toMatchObject({ id: byJob.disclosureId, prevHash: chain.at(-1).hash });
    expect((await t.http().get(`/api/v1/communities/${estate.community.id}/disclosures/chain/verify`).set(owners[2]).expect(200)).body).toMatchObject({ valid: true, checked: after.length });
  });

  describe('paper ballots, confirmed by the community office', () => {
    const enterPaper = async (id: number, house: House, choice: number) => {
      const photoId = await uploadPhoto(t, committee, await photo());
      return (await t.http().post(`/api/v1/votes/${id}/ballots`).set(committee).send({ houseId: house.id, choice, paperPhotoId: photoId }).expect(201)).body;
    };
    const paperStep = (auth: Auth, id: number, ballotId: number, step: string, note?: string) => t.http().post(`/api/v1/votes/${id}/ballots/${ballotId}/actions`).set(auth).send({ step, note });
    const officeUsers = async () => (await t.db.query('SELECT user_id AS userId FROM role_assignment WHERE area_id = ? AND revoked_at IS NULL', [estate.office.id])).map((r: { userId: number }) => Number(r.userId));

    it('counts a paper ballot only once the office confirmed it, never on the committee’s word', async () => {
      const id = await openVote();
      await castAll(id, [0, 0, 0]);
      const entered = await enterPaper(id, houses[3], 0);
      expect(entered).toMatchObject({ paper: true, paperState: 'pending', can: { confirm: false, reject: false } });
      // Pending: not in the turnout, but the house is taken.
      expect((await get(chair, id)).turnout).toMatchObject({ ballots: 3, participatingHeads: 3, paperPending: 1 });
      expect((await cast(owners[3], id, houses[3].id, 1).expect(409)).body.code).toBe('BALLOT_ALREADY_CAST');
      // The office is told, once, and sees the buttons; the committee (also the chair) may not confirm its own entry.
      const office0 = (await officeUsers())[0];
      expect(await t.db.getRepository(Notification).countBy({ userId: office0, kind: 'vote_paper', voteId: id })).toBe(1);
      const seenByOffice = (await t.http().get(`/api/v1/votes/${id}/ballots`).set(office).expect(200)).body;
      expect(seenByOffice.find((b: { id: number }) => b.id === entered.id)).toMatchObject({ paperState: 'pending', photo: { id: expect.any(Number) }, can: { confirm: true, reject: true } });
      for (const insider of [committee, chair]) expect((await paperStep(insider, id, entered.id, 'confirm').expect(403)).body.code).toBe('FORBIDDEN');
      // Someone both on the committee and in the office: separation of duties, still no.
      const both = await t.signIn((await createUser(t.db, [roleIn(estate).committee, roleIn(estate).office])).devKey);
      expect((await paperStep(both, id, entered.id, 'confirm').expect(403)).body.code).toBe('PAPER_CONFIRMER_IS_COMMITTEE');
      expect((await get(chair, id)).turnout).toMatchObject({ ballots: 3, paperPending: 1 });
      // Confirmed: it counts; a second decision is refused.
      expect((await paperStep(office, id, entered.id, 'confirm').expect(200)).body).toMatchObject({ paperState: 'confirmed', can: { confirm: false } });
      expect((await get(chair, id)).turnout).toMatchObject({ ballots: 4, participatingHeads: 4, paperPending: 0 });
      expect((await paperStep(office, id, entered.id, 'reject', '照片不清').expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
      // An online ballot has nothing to confirm.
      const online = (await t.http().get(`/api/v1/votes/${id}/ballots`).set(office).expect(200)).body[0];
      expect((await paperStep(office, id, online.id, 'confirm').expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('frees the house when the office sends a paper ballot back with a reason', async () => {
      const id = await openVote();
      const entered = await enterPaper(id, houses[0], 0);
      expect((await paperStep(office, id, entered.id, 'reject').expect(422)).body.code).toBe('VALIDATION_FAILED');
      const back = (await paperStep(office, id, entered.id, 'reject', '照片上的房号与录入的不一致').expect(200)).body;
      expect(back).toMatchObject({ paperState: 'rejected', note: '照片上的房号与录入的不一致' });
      // The committee sees why; the owner may vote online now, and the sent-back ballot never counts.
      const seen = (await t.http().get(`/api/v1/votes/${id}/ballots`).set(committee).expect(200)).body;
      expect(seen).toEqual([expect.objectContaining({ id: entered.id, paperState: 'rejected', note: '照片上的房号与录入的不一致' })]);
      expect((await get(owners[0], id)).can.cast).toBe(true);
      await cast(owners[0], id, houses[0].id, 1).expect(201);
      expect((await get(chair, id)).turnout).toMatchObject({ ballots: 1, paperPending: 0 });
      expect((await get(owners[0], id)).myHouses[0].ballot).toMatchObject({ option: '反对', paperState: null });
    });

    it('closes with a paper ballot still pending: not counted, and the published result says so, inside the hash', async () => {
      const id = await openVote();
      await castAll(id, [0, 0, 0]);
      const confirmed = await enterPaper(id, houses[3], 0);
      await paperStep(office, id, confirmed.id, 'confirm').expect(200);
      await enterPaper(id, houses[4], 0);
      const closed = await close(id);
      // 4 of 6 counted (exactly ⅔): the pending one would have made 5.
      expect(closed.result).toMatchObject({ ballots: 4, participatingHeads: 4, paperCounted: 1, paperUnconfirmed: 1, quorum: true, passedOption: 0 });
      expect(closed.turnout).toMatchObject({ ballots: 4, paperPending: 1 });
      const published = (await t.http().get(`/api/v1/disclosures/${closed.disclosureId}`).set(owners[0]).expect(200)).body;
      expect(published.vote.tally).toMatchObject({ paperCounted: 1, paperUnconfirmed: 1 });
      // Too late to confirm now: the result is frozen.
      const pending = (await t.http().get(`/api/v1/votes/${id}/ballots`).set(office).expect(200)).body.find((b: { paperState: string }) => b.paperState === 'pending');
      expect(pending.can.confirm).toBe(false);
      expect((await paperStep(office, id, pending.id, 'confirm').expect(409)).body.code).toBe('VOTE_NOT_OPEN');
      const verify = () => t.http().get(`/api/v1/communities/${estate.community.id}/disclosures/chain/verify`).set(owners[0]).expect(200);
      expect((await verify()).body).toMatchObject({ valid: true });
      // Someone with the database quietly counts the unconfirmed paper ballot: the chain check catches it.
      await t.db.query(`UPDATE disclosure SET facts = REPLACE(facts, '"paperCounted":1', '"paperCounted":2') WHERE id = ?`, [closed.disclosureId]);
      expect((await verify()).body).toMatchObject({ valid: false });
    });

    it('tells the estate’s residents once when a vote opens and once when its result is published', async () => {
      const id = await openVote();
      const residents = (await t.db.getRepository(HouseBinding).findBy({ communityId: estate.community.id, state: 'approved' })).map((b) => b.userId);
      for (const userId of residents) expect(await t.db.getRepository(Notification).countBy({ userId, kind: 'vote_open', voteId: id })).toBe(1);
      const notice = await t.db.getRepository(Notification).findOneByOrFail({ userId: residents[0], kind: 'vote_open', voteId: id });
      expect(notice.title).toContain('开始投票');
      expect((await t.http().get('/api/v1/notifications').set(owners[0]).expect(200)).body.items[0]).toMatchObject({ kind: 'vote_open', page: `packages/votes/pages/detail/index?id=${id}` });
      // Staff are not residents.
      expect(await t.db.getRepository(Notification).countBy({ kind: 'vote_open', voteId: id })).toBe(new Set(residents).size);
      await castAll(id, [0, 0, 0, 0]);
      await endWindow(id);
      const service = t.app.get(VotesService);
      expect(await service.closeEnded()).toBe(1);
      // The scheduler runs again: nothing more to close, nobody hears twice.
      expect(await service.closeEnded()).toBe(0);
      const { disclosureId } = await get(owners[0], id);
      for (const userId of residents) expect(await t.db.getRepository(Notification).countBy({ userId, kind: 'disclosure_public', disclosureId })).toBe(1);
    });
  });
});
