import { parseScaleArgs, seedScale } from '../src/scripts/seed-scale';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { createTestApp, TestApp } from './support/app';
import { createUser } from './support/fixtures';

describe('seed:scale', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('parses its arguments strictly', () => {
    expect(parseScaleArgs(['--communities', '3', '--owners', '10', '--tickets', '20'])).toEqual({ communities: 3, owners: 10, tickets: 20 });
    expect(() => parseScaleArgs(['--communities', 'x'])).toThrow(/usage/);
    expect(() => parseScaleArgs(['--owners', '5'])).toThrow(/at least 1/);
  });

  it('fills estates, owners and tickets that the API then reads like any others', async () => {
    const lines: string[] = [];
    await seedScale(t.db, { communities: 4, owners: 40, tickets: 200 }, (l) => lines.push(l));
    expect(lines.map((l) => l.split(/\s{2,}/)[0])).toEqual(['areas', 'property companies', 'communities + contracts', 'buildings + houses', 'owners (users + bindings)', 'tickets + created events', 'ticket rollups (rebuilt)']);
    expect(await t.db.getRepository(Ticket).count()).toBe(200);
    const admin = await t.signIn((await createUser(t.db, [{ role: 'platform_admin' }])).devKey);
    const page = await t.http().get('/api/v1/tickets?view=inbox&limit=5').set(admin).expect(200);
    expect(page.body.items).toHaveLength(5);
    const detail = await t.http().get(`/api/v1/tickets/${page.body.items[0].id}`).set(admin).expect(200);
    expect(detail.body.timeline[0].action).toBe('created');
    const from = new Date(Date.now() - 400 * 86400e3).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 86400e3).toISOString().slice(0, 10);
    const stats = await t.http().get(`/api/v1/communities/${page.body.items[0].communityId}/ticket-stats?from=${from}&to=${to}`).set(admin).expect(200);
    expect(stats.body.total).toBe(50);
    // The rollups the county statistics read were rebuilt after the bulk load.
    const [county] = await t.db.query("SELECT id FROM area WHERE level = 'county' ORDER BY id DESC LIMIT 1");
    const overview = await t.http().get(`/api/v1/stats/overview?areaId=${county.id}&from=${from}&to=${to}`).set(admin).expect(200);
    expect(overview.body.metrics.total).toBe(200);
  });
});
