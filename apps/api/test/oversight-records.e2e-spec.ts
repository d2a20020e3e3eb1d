import { addDays, shanghaiDate } from '@wuye/contracts';
import { RoleAssignment } from '../src/modules/identity/role-assignment.entity';
import { Community } from '../src/modules/org/community.entity';
import { ServiceContract } from '../src/modules/org/service-contract.entity';
import { CreditEvent } from '../src/modules/oversight/credit-event.entity';
import { StarRating } from '../src/modules/oversight/star-rating.entity';
import { useTestApp } from './support/app';
import { createCommunity, createCompany, createContract, createEstate, createResident, createUser, Estate, roleIn } from './support/fixtures';

type Auth = { Authorization: string };
const at = (day: string) => new Date(`${day}T09:00:00+08:00`);

/** Oversight records nobody inside an estate can bend: who a credit event names, and one versioned rating a year. */
describe('oversight records', () => {
  const t = useTestApp();
  let county: Auth;
  let estate: Estate;
  beforeEach(async () => {
    estate = await createEstate(t.db);
    county = await t.signInAs(roleIn(estate).countyRegulator);
  });

  const credit = (body: object) => t.http().post('/api/v1/credit-events').set(county).send({ kind: 'interview', reason: '约谈项目经理', ...body });
  const events = () => t.db.getRepository(CreditEvent).countBy({ companyId: estate.company.id });

  describe('a credit event names a manager only if they managed that company’s estate on the event date', () => {
    it('accepts the manager of that day, and refuses one who started later, left earlier, or managed elsewhere', async () => {
      // 王 managed it from 2024-03-01 until revoked on 2025-06-30; 李 from 2025-07-01.
      const wang = await createUser(t.db, [roleIn(estate).manager]);
      await t.db.getRepository(RoleAssignment).update({ userId: wang.user.id }, { createdAt: at('2024-03-01'), revokedAt: at('2025-06-30') });
      const li = await createUser(t.db, [roleIn(estate).manager]);
      await t.db.getRepository(RoleAssignment).update({ userId: li.user.id }, { createdAt: at('2025-07-01') });
      // 赵 has managed another estate of the same company all along.
      const neighbour = await createCommunity(t.db, estate.office);
      await createContract(t.db, neighbour, estate.company);
      const zhao = await createUser(t.db, [{ role: 'manager', communityId: neighbour.id, companyId: estate.company.id }]);
      await t.db.getRepository(RoleAssignment).update({ userId: zhao.user.id }, { createdAt: at('2020-01-01') });
      const base = { companyId: estate.company.id, communityId: estate.community.id };

      await credit({ ...base, managerUserId: wang.user.id, occurredOn: '2025-06-30' }).expect(201);
      await credit({ ...base, managerUserId: li.user.id, occurredOn: '2025-07-01' }).expect(201);
      for (const [who, day] of [
        [wang, '2025-07-01'],
        [wang, '2024-02-29'],
        [li, '2025-06-30'],
        [zhao, '2025-06-30'],
      ] as const) {
        const refused = await credit({ ...base, managerUserId: who.user.id, occurredOn: day }).expect(422);
        expect(refused.body).toMatchObject({ code: 'MANAGER_NOT_IN_CHARGE', details: { field: 'managerUserId' } });
      }
      // A manager named without the estate is refused too; nothing was recorded by any refusal.
      expect((await credit({ companyId: estate.company.id, managerUserId: li.user.id, occurredOn: shanghaiDate() }).expect(422)).body.details).toMatchObject({ field: 'communityId' });
      expect(await events()).toBe(2);

      // The form's list of managers follows the same rule, day by day.
      const on = async (day: string) => (await t.http().get(`/api/v1/communities/${estate.community.id}/managers?companyId=${estate.company.id}&on=${day}`).set(county).expect(200)).body.map((m: { id: number }) => m.id);
      expect(await on('2025-06-30')).toEqual([wang.user.id]);
      expect(await on('2025-07-01')).toEqual([li.user.id]);
      expect(await on('2024-01-15')).toEqual([]);
    });

    it('refuses a manager for a day their company did not serve the estate (contract history)', async () => {
      // The company served until its contract ended on 2025-12-31; a new company took over the next day.
      await t.db.getRepository(ServiceContract).update(estate.contract.id, { endsOn: '2025-12-31', terminatedAt: at('2025-12-31') });
      const successor = await createCompany(t.db);
      await createContract(t.db, estate.community, successor, '2026-01-01');
      const old = await createUser(t.db, [roleIn(estate).manager]);
      await t.db.getRepository(RoleAssignment).update({ userId: old.user.id }, { createdAt: at('2023-01-01') });
      const base = { companyId: estate.company.id, communityId: estate.community.id, managerUserId: old.user.id };

      await credit({ ...base, occurredOn: '2025-12-31' }).expect(201);
      expect((await credit({ ...base, occurredOn: '2026-01-01' }).expect(422)).body.code).toBe('MANAGER_NOT_IN_CHARGE');
      // Named against the successor company, the old manager never managed for it.
      expect((await credit({ ...base, companyId: successor.id, occurredOn: '2025-12-31' }).expect(422)).body.code).toBe('MANAGER_NOT_IN_CHARGE');
      expect(await events()).toBe(1);
    });
  });

  describe('one star rating per estate and year', () => {
    const rate = (body: object, as: Auth = county) => t.http().post(`/api/v1/communities/${estate.community.id}/star-ratings`).set(as).send({ year: 2025, stars: 4, reason: '服务规范', ...body });
    const rows = () => t.db.getRepository(StarRating).find({ where: { communityId: estate.community.id }, order: { id: 'ASC' } });

    it('a change is a new version with a reason; the history keeps every version and the latest is the rating', async () => {
      const first = await rate({}).expect(201);
      expect(first.body).toMatchObject({ version: 1, stars: 4, changeReason: null });

      // A second rating of the year without naming the version it changes, or without a reason: refused, unchanged.
      expect((await rate({ stars: 3 }).expect(409)).body.code).toBe('STALE_VERSION');
      expect((await rate({ stars: 3, baseVersion: 1 }).expect(422)).body.code).toBe('RATING_CHANGE_NEEDS_REASON');
      await rate({ stars: 3, baseVersion: 1, changeReason: '' }).expect(400);
      expect(await rows()).toHaveLength(1);

      const second = await rate({ stars: 3, reason: '维修响应偏慢', baseVersion: 1, changeReason: '复核投诉记录后下调' }).expect(201);
      expect(second.body).toMatchObject({ version: 2, stars: 3, changeReason: '复核投诉记录后下调' });
      // Changing from a version that is no longer the current one: refused.
      expect((await rate({ stars: 5, baseVersion: 1, changeReason: '再改' }).expect(409)).body.code).toBe('STALE_VERSION');

      const resident = await t.signIn((await createResident(t.db, estate.houses[0])).devKey);
      const seen = await t.http().get(`/api/v1/communities/${estate.community.id}/star-ratings?year=2025`).set(resident).expect(200);
      expect(seen.body.current).toMatchObject({ version: 2, stars: 3 });
      expect(seen.body.history.map((h: { year: number; version: number; stars: number }) => [h.year, h.version, h.stars])).toEqual([
        [2025, 2, 3],
        [2025, 1, 4],
      ]);
      expect(seen.body.can).toEqual({ rate: false });
      expect((await rows()).map((r) => [r.version, r.stars])).toEqual([
        [1, 4],
        [2, 3],
      ]);
      // Another year is its own rating.
      await rate({ year: 2024 }).expect(201);
      expect((await t.http().get(`/api/v1/communities/${estate.community.id}/star-ratings?year=2024`).set(county).expect(200)).body.current).toMatchObject({ version: 1, year: 2024 });
    });

    it('regulators changing the same version at once: one wins, the others are refused', async () => {
      await rate({}).expect(201);
      const town = await t.signInAs(roleIn(estate).townRegulator);
      const results = await Promise.all(
        [1, 2, 3, 4, 5, 1, 2, 3].map((stars, i) => rate({ stars, baseVersion: 1, changeReason: `第${i + 1}位复评` }, i % 2 ? town : county)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      expect((await rows()).map((r) => r.version)).toEqual([1, 2]);
    });

    it('no year before the estate existed (its first service contract or registration) nor after this one', async () => {
      const thisYear = Number(shanghaiDate().slice(0, 4));
      // Served from 2020-01-01 (the fixture's contract); registered today.
      const form = await t.http().get(`/api/v1/communities/${estate.community.id}/star-ratings`).set(county).expect(200);
      expect(form.body.years).toEqual({ first: 2020, last: thisYear });
      expect(form.body.can).toEqual({ rate: true });
      for (const year of [2019, thisYear + 1]) {
        const refused = await rate({ year }).expect(422);
        expect(refused.body).toMatchObject({ code: 'RATING_YEAR_OUT_OF_RANGE', details: { field: 'year', first: 2020, last: thisYear } });
      }
      await rate({ year: 2020 }).expect(201);
      await rate({ year: thisYear }).expect(201);
      expect(await rows()).toHaveLength(2);

      // An estate without any contract exists from the year it was registered.
      await t.db.getRepository(ServiceContract).delete({ communityId: estate.community.id });
      await t.db.getRepository(Community).update(estate.community.id, { createdAt: at(`${addDays(shanghaiDate(), -400).slice(0, 4)}-05-01`) });
      const registered = Number(addDays(shanghaiDate(), -400).slice(0, 4));
      expect((await t.http().get(`/api/v1/communities/${estate.community.id}/star-ratings`).set(county).expect(200)).body.years).toEqual({ first: registered, last: thisYear });
      expect((await rate({ year: registered - 1 }).expect(422)).body.code).toBe('RATING_YEAR_OUT_OF_RANGE');
    });
  });
});
