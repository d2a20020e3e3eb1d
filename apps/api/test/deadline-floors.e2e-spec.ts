import { DEFAULT_TICKET_CATEGORIES, EMERGENCY_RESPONSE_MAX_MINUTES, type TicketCategory } from '@wuye/contracts';
import { TicketCategoryRow } from '../src/modules/tickets/ticket-category.entity';
import { useTestApp } from './support/app';
import { createEstate, createResident, createUser, Estate, roleIn } from './support/fixtures';
import { report } from './support/tickets';

type Auth = { Authorization: string };

const FLOORS = [
  { code: 'elevator', name: '电梯', responseMinutes: 30, resolutionMinutes: 12 * 60, emergency: true },
  { code: 'facility', name: '设施故障', responseMinutes: 60, resolutionMinutes: 48 * 60, emergency: false },
];

/**
 * County floors for ticket deadlines: the county regulator sets them, an estate's manager may tighten them but never
 * loosen them past the floor, and emergency categories are answered within hours.
 */
describe('deadline floors', () => {
  const t = useTestApp();
  let estate: Estate;
  let county: Auth;
  let manager: Auth;
  beforeEach(async () => {
    estate = await createEstate(t.db);
    county = await t.signInAs(roleIn(estate).countyRegulator);
    manager = await t.signInAs(roleIn(estate).manager);
  });

  const categoriesUrl = () => `/api/v1/communities/${estate.community.id}/ticket-categories`;
  const current = async () => (await t.http().get(categoriesUrl()).set(manager).expect(200)).body as TicketCategory[];
  const save = (categories: TicketCategory[]) => t.http().put(categoriesUrl()).set(manager).send({ categories });
  const setFloors = (floors: object[], as: Auth = county) => t.http().put(`/api/v1/areas/${estate.county.id}/deadline-floors`).set(as).send({ floors });
  const edit = (list: TicketCategory[], code: string, change: Partial<TicketCategory>) => list.map((c) => (c.code === code ? { ...c, ...change } : c));

  it('lets the manager tighten a floored category and refuses anything looser, changing nothing', async () => {
    await current(); // the estate's defaults exist before the county sets floors
    await setFloors(FLOORS).expect(200);
    const floors = await t.http().get(`/api/v1/communities/${estate.community.id}/deadline-floors`).set(manager).expect(200);
    expect(floors.body).toEqual({ county: { id: estate.county.id, name: estate.county.name }, floors: FLOORS, emergencyResponseMaxMinutes: EMERGENCY_RESPONSE_MAX_MINUTES });

    const before = await current();
    const looser: [Partial<TicketCategory>, string, string][] = [
      [{ code: 'facility', responseMinutes: 61 }, 'responseMinutes', '不能超过县里规定的1小时'],
      [{ code: 'facility', resolutionMinutes: 48 * 60 + 1 }, 'resolutionMinutes', '不能超过县里规定的2天'],
      [{ code: 'elevator', emergency: false }, 'emergency', '须保留“紧急”'],
      [{ code: 'elevator', active: false }, 'active', '不能停用'],
    ];
    for (const [{ code, ...change }, field, words] of looser) {
      const refused = await save(edit(before, code as string, change)).expect(422);
      expect(refused.body).toMatchObject({ code: 'DEADLINE_LOOSER_THAN_FLOOR', details: { field, code } });
      expect(refused.body.message).toContain(words);
    }
    // Leaving the emergency category out would switch it off: refused too.
    expect((await save(before.filter((c) => c.code !== 'elevator')).expect(422)).body.details).toMatchObject({ field: 'active', code: 'elevator' });
    expect(await current()).toEqual(before);

    // Tighter than the floor is the estate's choice.
    const tightened = await save(edit(before, 'facility', { responseMinutes: 45, resolutionMinutes: 24 * 60 })).expect(200);
    expect(tightened.body.find((c: TicketCategory) => c.code === 'facility')).toMatchObject({ responseMinutes: 45, resolutionMinutes: 24 * 60 });
    // A category without a floor is free within the emergency limit.
    await save(edit(tightened.body, 'greening', { resolutionMinutes: 30 * 24 * 60 })).expect(200);
  });

  it('answers emergency categories within hours: neither a floor nor an estate may allow longer', async () => {
    const refusedFloor = await setFloors([{ ...FLOORS[0], responseMinutes: EMERGENCY_RESPONSE_MAX_MINUTES + 60, resolutionMinutes: 24 * 60 }]).expect(422);
    expect(refusedFloor.body).toMatchObject({ code: 'EMERGENCY_RESPONSE_TOO_LONG', details: { field: 'responseMinutes', code: 'elevator' } });
    expect((await t.http().get(`/api/v1/areas/${estate.county.id}/deadline-floors`).set(county).expect(200)).body.floors).toEqual([]);

    const before = await current();
    const refused = await save(edit(before, 'noise', { emergency: true, responseMinutes: EMERGENCY_RESPONSE_MAX_MINUTES + 1, resolutionMinutes: 24 * 60 })).expect(422);
    expect(refused.body).toMatchObject({ code: 'EMERGENCY_RESPONSE_TOO_LONG', details: { field: 'responseMinutes', code: 'noise' } });
    expect(await current()).toEqual(before);
    await save(edit(before, 'noise', { emergency: true, responseMinutes: EMERGENCY_RESPONSE_MAX_MINUTES })).expect(200);
  });

  it('brings existing estates within a stricter floor at once, and starts new estates within it', async () => {
    const before = await current();
    expect(before.find((c) => c.code === 'facility')).toMatchObject({ responseMinutes: 120, resolutionMinutes: 72 * 60 });
    await setFloors(FLOORS).expect(200);
    expect((await current()).find((c) => c.code === 'facility')).toMatchObject({ responseMinutes: 60, resolutionMinutes: 48 * 60 });
    // Estates of another county are not touched.
    const other = await createEstate(t.db);
    const otherManager = await t.signInAs(roleIn(other).manager);
    const untouched = (await t.http().get(`/api/v1/communities/${other.community.id}/ticket-categories`).set(otherManager).expect(200)).body;
    expect(untouched.find((c: TicketCategory) => c.code === 'facility')).toMatchObject({ responseMinutes: 120 });

    // A new estate of the county starts within the floor; its tickets run on it.
    const fresh = await createEstate(t.db, { county: estate.county });
    expect(await t.db.getRepository(TicketCategoryRow).countBy({ communityId: fresh.community.id })).toBe(0);
    const resident = await t.signIn((await createResident(t.db, fresh.houses[0])).devKey);
    const ticket = await report(t, resident, { communityId: fresh.community.id, categoryCode: 'facility', description: '单元门禁坏了' }).expect(201);
    const filed = new Date(ticket.body.createdAt).getTime();
    expect(new Date(ticket.body.responseDueAt).getTime() - filed).toBe(60 * 60_000);
    expect(new Date(ticket.body.resolutionDueAt).getTime() - filed).toBe(48 * 3600_000);
    const defaults = DEFAULT_TICKET_CATEGORIES.find((c) => c.code === 'hygiene');
    expect((await t.db.getRepository(TicketCategoryRow).findOneByOrFail({ communityId: fresh.community.id, code: 'hygiene' })).responseMinutes).toBe(defaults?.responseMinutes);
  });

  it('is set by the county’s regulator only', async () => {
    const town = await t.signInAs(roleIn(estate).townRegulator);
    await setFloors(FLOORS, town).expect(404);
    await setFloors(FLOORS, manager).expect(403);
    const otherCounty = await t.signIn((await createUser(t.db, [{ role: 'regulator', areaId: (await createEstate(t.db)).county.id }])).devKey);
    await setFloors(FLOORS, otherCounty).expect(404);
    // A town is not where floors are set.
    expect((await t.http().put(`/api/v1/areas/${estate.town.id}/deadline-floors`).set(county).send({ floors: FLOORS }).expect(422)).body.details).toMatchObject({ field: 'areaId' });
    expect((await t.http().get(`/api/v1/areas/${estate.county.id}/deadline-floors`).set(county).expect(200)).body.floors).toEqual([]);
    // Malformed floors: 400, nothing stored.
    await setFloors([{ ...FLOORS[0], responseMinutes: 0 }]).expect(400);
    await setFloors([{ ...FLOORS[1], resolutionMinutes: 30 }]).expect(422);
    await setFloors([FLOORS[0], FLOORS[0]]).expect(422);
    expect((await t.http().get(`/api/v1/areas/${estate.county.id}/deadline-floors`).set(county).expect(200)).body.floors).toEqual([]);
  });
});
