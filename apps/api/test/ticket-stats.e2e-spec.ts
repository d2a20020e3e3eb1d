import { Ticket } from '../src/modules/tickets/ticket.entity';
import { JobLeaseService } from '../src/modules/jobs/job-lease.service';
import { useTestApp } from './support/app';
import { createEstate, createResident, roleIn } from './support/fixtures';
import { report } from './support/tickets';

describe('ticket statistics of an estate', () => {
  const t = useTestApp();

  it('matches figures computed by hand, with 内部报事 counted apart from residents’ tickets', async () => {
    const estate = await createEstate(t.db);
    const resident = await t.signIn((await createResident(t.db, estate.houses[0])).devKey);
    const manager = await t.signInAs(roleIn(estate).manager);
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await report(t, resident, { communityId: estate.community.id, categoryCode: i < 4 ? 'facility' : 'hygiene', description: `问题${i}` }).expect(201)).body.id);
    const set = (id: number, values: Partial<Ticket>) => t.db.getRepository(Ticket).update(id, values);
    // Hand-made outcomes: 4 responded (3 on time), 3 resolved (2 on time), 3 rated (4★, 5★, 2★), 1 reopened, 1 open overdue.
    await set(ids[0], { state: 'closed', respondedOnTime: true, resolvedOnTime: true, resolvedAt: new Date(), ratingStars: 4, ratedAt: new Date() });
    await set(ids[1], { state: 'closed', respondedOnTime: true, resolvedOnTime: false, resolvedAt: new Date(), ratingStars: 5, ratedAt: new Date(), reopenCount: 1 });
    await set(ids[2], { state: 'closed', respondedOnTime: false, resolvedOnTime: true, resolvedAt: new Date(), ratingStars: 2, ratedAt: new Date() });
    await set(ids[3], { state: 'accepted', respondedOnTime: true, resolutionDueAt: new Date(Date.now() - 1000) });
    // The manager files two of the estate's own (内部报事); even a rating written straight into the database and
    // perfect deadlines on them must not move the residents' figures.
    const own: number[] = [];
    for (let i = 0; i < 2; i++) own.push((await report(t, manager, { communityId: estate.community.id, categoryCode: 'facility', description: `巡查发现${i}` }).expect(201)).body.id);
    expect((await t.db.getRepository(Ticket).findOneByOrFail({ id: own[0] })).source).toBe('internal');
    await set(own[0], { state: 'closed', respondedOnTime: false, resolvedOnTime: true, resolvedAt: new Date(), ratingStars: 1, ratedAt: new Date() });
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const res = await t.http().get(`/api/v1/communities/${estate.community.id}/ticket-stats?from=${today}&to=${today}`).set(manager).expect(200);
    expect(res.body).toEqual({
      communityId: estate.community.id,
      from: today,
      to: today,
      total: 6,
      byState: { closed: 3, accepted: 1, submitted: 2 },
      byCategory: [
        { code: 'facility', name: '设施故障', count: 4 },
        { code: 'hygiene', name: '环境卫生', count: 2 },
      ],
      onTimeResponseRate: 0.75,
      onTimeResolutionRate: 0.6667,
      satisfactionRate: 0.6667,
      reopenRate: 0.3333,
      overdueOpen: 1,
      averageStars: 3.67,
      internal: { total: 2, onTimeResponseRate: 0, onTimeResolutionRate: 1 },
      byChannel: [{ channel: 'app', label: '小程序', total: 6, satisfactionRate: 0.6667 }],
      satisfactionSources: { rated: 3, ratedSatisfied: 2, visited: 0, visitedSatisfied: 0, unreachable: 0, pending: 0 },
    });
    const none = await t.http().get(`/api/v1/communities/${estate.community.id}/ticket-stats?from=2020-01-01&to=2020-01-31`).set(manager).expect(200);
    expect(none.body).toMatchObject({ total: 0, onTimeResponseRate: null, satisfactionRate: null });
    await t.http().get(`/api/v1/communities/${estate.community.id}/ticket-stats?from=2026-02-30&to=2026-03-01`).set(manager).expect(422);
    await t.http().get(`/api/v1/communities/${estate.community.id}/ticket-stats?from=${today}&to=${today}`).set(resident).expect(403);
  });

  it('gives a job to one process at a time, and to another once the lease runs out', async () => {
    const a = new JobLeaseService(t.db);
    const b = new JobLeaseService(t.db);
    expect(await a.acquire('test-job', 200)).toBe(true);
    expect(await b.acquire('test-job', 200)).toBe(false);
    expect(await a.acquire('test-job', 200)).toBe(true); // the holder renews
    await new Promise((r) => setTimeout(r, 250));
    expect(await b.acquire('test-job', 200)).toBe(true);
    expect(await a.acquire('test-job', 200)).toBe(false);
  });
});
