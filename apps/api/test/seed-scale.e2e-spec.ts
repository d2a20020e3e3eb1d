import { parseScaleArgs, seedScale } from '../src/scripts/seed-scale';
import { rebuildRollups } from '../src/modules/tickets/rollups.service';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { useTestApp } from './support/app';

describe('seed:scale', () => {
  const t = useTestApp();

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
    const admin = await t.signInAs({ role: 'platform_admin' });
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

  it('a rebuild credits each estate’s tickets to the company serving it today, none where no contract is in force', async () => {
    await seedScale(t.db, { communities: 3, owners: 6, tickets: 60 }, () => undefined);
    const [a, b, c] = ((await t.db.query('SELECT sc.community_id AS id, sc.company_id AS company FROM service_contract sc ORDER BY sc.id DESC LIMIT 3')) as { id: number; company: number }[]).reverse();
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() + 8 * 3600e3 - 86400e3).toISOString().slice(0, 10);
    // a: its contract ended yesterday. b: handed over to c's company from today. c: today is its contract's last day.
    await t.db.query('UPDATE service_contract SET ends_on = ? WHERE community_id = ?', [yesterday, a.id]);
    await t.db.query('UPDATE service_contract SET ends_on = ? WHERE community_id = ?', [today, c.id]);
    await t.db.query('UPDATE service_contract SET ends_on = ? WHERE community_id = ?', [yesterday, b.id]);
    await t.db.query("INSERT INTO service_contract (community_id, company_id, starts_on, service_grade, fee_standards) VALUES (?, ?, ?, '二级', '[]')", [b.id, c.company, today]);
    await t.db.transaction((m) => rebuildRollups(m, ['mysql', 'mariadb'].includes(t.db.options.type), today));
    const companies = async (id: number) => ((await t.db.query('SELECT DISTINCT company_id AS company FROM ticket_rollup WHERE community_id = ?', [id])) as { company: number | null }[]).map((r) => r.company);
    expect(await companies(a.id)).toEqual([null]);
    expect(await companies(b.id)).toEqual([c.company]);
    expect(await companies(c.id)).toEqual([c.company]);
  });
});
