import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { addDays, floorProblem, periodDays, quarterOf, shanghaiDate, type AreaView, type AttendanceCompliance, type ComplianceView, type CreditEventView, type DeadlineFloorsView, type MeetingItemView, type MeetingView, type Page, type PatrolStats, type StarRatingsView, type TicketCategory } from '@wuye/contracts';
import { DEVELOPMENT_SECRETS } from '../src/config';
import { startApi, runApiToExit, ApiProcess } from './support/process';
import { createTestDatabase, TestDatabase } from './support/database';

/** The real process: start-up checks, the seeded demo county, graceful shutdown. */
describe('the API process', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DB_URL: 'postgres://localhost/wuye' }, 'DB_URL'],
    [{ NODE_ENV: 'production' }, 'PHONE_ENCRYPTION_KEY'],
    // Production with the development secret this repository publishes, or a guessable one (rule: production secrets).
    [{ NODE_ENV: 'production', PHONE_ENCRYPTION_KEY: randomBytes(32).toString('hex'), AUTH_JWT_SECRET: DEVELOPMENT_SECRETS.jwt }, 'AUTH_JWT_SECRET'],
    [{ NODE_ENV: 'production', PHONE_ENCRYPTION_KEY: randomBytes(32).toString('hex'), AUTH_JWT_SECRET: randomBytes(48).toString('base64'), FILE_URL_SECRET: 'f'.repeat(48) }, 'FILE_URL_SECRET'],
  ])('stops at once on a bad setting %j with one readable line naming %s', (env, setting) => {
    const result = runApiToExit(env);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid setting ${setting}: `));
  });

  describe('started on an empty database with the demo seed', () => {
    let database: TestDatabase;
    let api: ApiProcess;
    beforeAll(async () => {
      database = await createTestDatabase();
      api = await startApi({ ...database.env, SEED_DEMO: 'true' });
    }, 90_000);
    afterAll(async () => {
      if (api.child.exitCode === null) api.child.kill('SIGKILL');
      await database.drop();
    });
    const demoSignIn = async (user: string) => {
      const res = await fetch(`${api.baseUrl}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) });
      return { Authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
    };
    const demoGet = async <T>(path: string, headers: Record<string, string>) => (await (await fetch(`${api.baseUrl}${path}`, { headers })).json()) as T;

    it('serves the demo county: 12 communities of 4 companies across 3 towns and 6 offices', async () => {
      const res = await fetch(`${api.baseUrl}/api/v1/directory/communities?limit=100`);
      const body = (await res.json()) as { items: { companyName: string; townName: string; areaName: string; name: string }[] };
      expect(body.items).toHaveLength(12);
      expect(new Set(body.items.map((c: { companyName: string }) => c.companyName)).size).toBe(4);
      expect(new Set(body.items.map((c: { townName: string }) => c.townName)).size).toBe(3);
      expect(new Set(body.items.map((c: { areaName: string }) => c.areaName)).size).toBe(6);
      expect(body.items.find((c) => c.name === '柳林新村')?.companyName).toBe('西山绿城物业服务有限公司');
    });

    it('has patrols since last quarter: at the weaker estates some missed rounds were filled in days later (补录), shown and not counted as done', async () => {
      const county = await demoSignIn('regulator.county');
      const lastMonth = shanghaiDate(new Date(`${shanghaiDate().slice(0, 7)}-01T00:00:00+08:00`).getTime() - 1).slice(0, 7);
      const estates = await demoGet<{ items: { id: number }[] }>('/api/v1/directory/communities?limit=100', {});
      const stats = await Promise.all(estates.items.map((c) => demoGet<PatrolStats>(`/api/v1/communities/${c.id}/patrol-stats?month=${lastMonth}`, county)));
      expect(stats.every((s) => s.due > 0 && s.done > 0)).toBe(true);
      const backfilled = stats.filter((s) => s.late.some((l) => l.sentLate));
      expect(backfilled.length).toBeGreaterThan(0);
      for (const s of backfilled) {
        expect(s.done).toBe(s.due - s.missed.length - s.late.length);
        expect(s.completionRate).toBeLessThan(0.95);
      }
    });

    it('lets a demo account sign in', async () => {
      const users = (await (await fetch(`${api.baseUrl}/api/v1/auth/dev/users`)).json()) as { key: string }[];
      expect(users.map((u: { key: string }) => u.key)).toEqual(expect.arrayContaining(['admin', 'manager.jinxiu', 'resident.jinxiu', 'regulator.county']));
    });

    it('has demo tickets in every state, with photos and ratings', async () => {
      const signIn = await fetch(`${api.baseUrl}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'admin' }) });
      const { accessToken } = (await signIn.json()) as { accessToken: string };
      const headers = { Authorization: `Bearer ${accessToken}` };
      for (const state of ['submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected', 'cancelled']) {
        const page = (await (await fetch(`${api.baseUrl}/api/v1/tickets?view=inbox&state=${state}&limit=100`, { headers })).json()) as { items: { thumbnailUrl: string | null }[] };
        expect({ state, some: page.items.length > 0 }).toEqual({ state, some: true });
      }
      const closed = (await (await fetch(`${api.baseUrl}/api/v1/tickets?view=inbox&state=closed&limit=100`, { headers })).json()) as { items: { id: number; thumbnailUrl: string | null }[] };
      expect(closed.items.some((t) => t.thumbnailUrl)).toBe(true);
      const detail = (await (await fetch(`${api.baseUrl}/api/v1/tickets/${closed.items[0].id}`, { headers })).json()) as { timeline: unknown[] };
      expect(detail.timeline.length).toBeGreaterThanOrEqual(5);
    });

    it('has last quarter’s inspections of every estate with orders in every state, and the estates’ daily patrols', async () => {
      const signIn = async (user: string) => {
        const res = await fetch(`${api.baseUrl}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) });
        return { Authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
      };
      const get = async <T>(path: string, headers: Record<string, string>) => (await (await fetch(`${api.baseUrl}${path}`, { headers })).json()) as T;
      const county = await signIn('regulator.county');
      const areaId = (await get<{ items: { id: number; level: string }[] }>('/api/v1/areas?limit=100', county)).items.find((a) => a.level === 'county')?.id;
      const lastQuarter = quarterOf(addDays(periodDays(quarterOf(shanghaiDate())).from, -1));
      const stats = await get<{ total: { inspections: number; ordersIssued: number; ordersClosed: number; ordersOverdue: number } }>(`/api/v1/inspection-stats?areaId=${areaId}&period=${lastQuarter}`, county);
      expect(stats.total.inspections).toBe(12);
      expect(stats.total.ordersClosed).toBeGreaterThan(0);
      expect(stats.total.ordersIssued).toBeGreaterThan(stats.total.ordersClosed);
      const office = await signIn('office.nanmen');
      for (const state of ['open', 'replied', 'returned', 'verified']) {
        const page = await get<{ items: unknown[] }>(`/api/v1/rectifications?state=${state}&limit=100`, office);
        expect({ state, some: page.items.length > 0 }).toEqual({ state, some: true });
      }
      const manager = await signIn('manager.jinxiu');
      const hazards = await get<{ items: { pointName: string | null }[] }>('/api/v1/communities/1/hazards', manager);
      expect(hazards.items.map((h) => h.pointName)).toContain('水泵房');
      const staff = await signIn('staff.jinxiu');
      const plans = await get<{ points: unknown[] }[]>('/api/v1/patrol-plans?mine=true', staff);
      expect(plans[0].points).toHaveLength(3);
      const month = await get<{ due: number; completionRate: number }>(`/api/v1/communities/1/patrol-stats?month=${shanghaiDate(Date.now() - 31 * 86400_000).slice(0, 7)}`, office);
      expect(month.due).toBeGreaterThan(0);
      expect(month.completionRate).toBeGreaterThan(0.8);
      expect(month.completionRate).toBeLessThan(1);
    });

    it('has a year of published disclosures per estate whose chain verifies, one in review, and questions', async () => {
      const signIn = async (user: string) => {
        const res = await fetch(`${api.baseUrl}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) });
        return { Authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
      };
      const get = async (path: string, headers: Record<string, string>) => (await fetch(`${api.baseUrl}${path}`, { headers })).json() as Promise<Record<string, unknown>>;
      const resident = await signIn('resident.jinxiu');
      const verify = await get('/api/v1/communities/1/disclosures/chain/verify', resident);
      expect(verify).toMatchObject({ valid: true });
      expect(verify.checked).toBeGreaterThanOrEqual(20);
      const chair = await signIn('chair.jinxiu');
      const inReview = (await get('/api/v1/communities/1/disclosures?state=in_review', chair)) as { items: unknown[] };
      expect(inReview.items.length).toBeGreaterThan(0);
      const questions = (await get('/api/v1/communities/1/questions', chair)) as { items: unknown[] };
      expect(questions.items.length).toBeGreaterThan(0);
    });

    it('has a closed vote whose result is in the chain and cited by the fund withdrawal, and an open vote the demo resident can cast', async () => {
      const signIn = async (user: string) => {
        const res = await fetch(`${api.baseUrl}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) });
        return { Authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
      };
      const get = async <T>(path: string, headers: Record<string, string>) => (await (await fetch(`${api.baseUrl}${path}`, { headers })).json()) as T;
      const resident = await signIn('resident.jinxiu');
      type Summary = { id: number; state: string; matter: string; passedOption: string | null };
      const votes = await get<{ items: Summary[] }>('/api/v1/votes?communityId=1', resident);
      const closed = votes.items.find((v) => v.state === 'closed') as Summary;
      const open = votes.items.find((v) => v.state === 'open') as Summary;
      expect(closed).toMatchObject({ matter: 'fund_use', passedOption: '同意' });
      const result = await get<{ disclosureId: number; result: { quorum: boolean } }>(`/api/v1/votes/${closed.id}`, resident);
      expect(result.result.quorum).toBe(true);
      const chain = await get<{ id: number; type: string }[]>('/api/v1/communities/1/disclosures/chain', resident);
      expect(chain.find((c) => c.id === result.disclosureId)?.type).toBe('vote_result');
      const fund = chain.find((c) => c.type === 'maintenance_fund') as { id: number };
      const withdrawal = await get<{ lines: { fields: { voteId: number; votePassed: boolean } }[] }>(`/api/v1/disclosures/${fund.id}`, resident);
      expect(withdrawal.lines[0].fields).toMatchObject({ voteId: closed.id, votePassed: true });
      const opened = await get<{ result: unknown; turnout: { ballots: number }; can: { cast: boolean } }>(`/api/v1/votes/${open.id}`, resident);
      expect(opened).toMatchObject({ result: null, can: { cast: true } });
      expect(opened.turnout.ballots).toBeGreaterThan(0);
    });

    it('has this year’s county survey waiting for the demo resident, results in two estates and 样本不足 in a third, and last year’s committee grades', async () => {
      const resident = await demoSignIn('resident.jinxiu');
      const open = await demoGet<{ items: { id: number; toAnswer: number }[] }>('/api/v1/surveys?communityId=1&open=true', resident);
      expect(open.items).toHaveLength(1);
      expect(open.items[0].toAnswer).toBeGreaterThan(0);
      type Result = { communityName: string; answers: number; enough: boolean; average: number | null };
      const seen = await demoGet<{ results: Result[] }>(`/api/v1/surveys/${open.items[0].id}`, await demoSignIn('regulator.county'));
      const of = (name: string) => seen.results.find((r) => r.communityName === name) as Result;
      expect(of('锦绣花园')).toMatchObject({ answers: 11, enough: true });
      expect(of('锦绣花园').average).toBeGreaterThanOrEqual(3);
      expect(of('阳光新城')).toMatchObject({ answers: 10, enough: true });
      expect(of('翠湖名苑')).toMatchObject({ answers: 4, enough: false, average: null });
      const lastYear = Number(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 4)) - 1;
      const evaluation = await demoGet<{ current: { grade: string; indicators: { year: number } } | null }>(`/api/v1/committee-evaluations?communityId=1&year=${lastYear}`, resident);
      expect(evaluation.current).toMatchObject({ grade: 'excellent', indicators: { year: lastYear } });
    });

    it('keeps the demo county within the oversight rules: no one on both sides, floors met, versioned ratings, managers in charge', async () => {
      const signIn = async (user: string) => {
        const res = await fetch(`${api.baseUrl}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) });
        return { Authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
      };
      const get = async <T>(path: string, headers: Record<string, string>) => (await (await fetch(`${api.baseUrl}${path}`, { headers })).json()) as T;
      const admin = await signIn('admin');
      expect((await get<{ items: unknown[] }>('/api/v1/role-assignments/conflicts?limit=100', admin)).items).toEqual([]);

      const estates = (await get<{ items: { id: number; name: string; companyName: string }[] }>('/api/v1/directory/communities?limit=100', admin)).items;
      for (const estate of estates) {
        const [categories, floors] = await Promise.all([
          get<TicketCategory[]>(`/api/v1/communities/${estate.id}/ticket-categories`, admin),
          get<DeadlineFloorsView>(`/api/v1/communities/${estate.id}/deadline-floors`, admin),
        ]);
        expect(floors.floors.length).toBeGreaterThan(0);
        const problems = categories.map((c) => floorProblem(c, floors.floors.find((f) => f.code === c.code))?.message).filter(Boolean);
        expect({ estate: estate.name, problems }).toEqual({ estate: estate.name, problems: [] });
      }

      const county = await signIn('regulator.county');
      const xsyj = estates.find((e) => e.name === '西山雅居') as { id: number };
      const ratings = await get<StarRatingsView>(`/api/v1/communities/${xsyj.id}/star-ratings?year=${Number(shanghaiDate().slice(0, 4)) - 1}`, county);
      expect(ratings.current).toMatchObject({ version: 2, stars: 2, changeReason: expect.any(String) });
      expect(ratings.history.map((r) => r.version)).toEqual([2, 1]);

      // The story holds: 和谐家园's penalty for two quarters of public income not disclosed is borne out by its
      // compliance list — two quarters in a row due before the penalty are overdue, not published.
      const all = (await get<{ items: CreditEventView[] }>('/api/v1/credit-events?limit=100', county)).items;
      const penalty = all.find((e) => e.communityName === '和谐家园' && e.reason.includes('公共收益')) as CreditEventView;
      const hxjy = estates.find((e) => e.name === '和谐家园') as { id: number };
      const compliance = await get<ComplianceView>(`/api/v1/communities/${hxjy.id}/disclosure-compliance`, county);
      const incomeBefore = compliance.items.filter((i) => i.type === 'public_income' && i.dueBy < penalty.occurredOn).sort((a, b) => a.period.localeCompare(b.period));
      expect(incomeBefore.map((i) => (i.status === 'overdue' ? 'X' : '.')).join('')).toContain('XX');

      const events = all.filter((e) => e.managerName);
      expect(events.length).toBeGreaterThan(0);
      for (const e of events) {
        const estate = estates.find((x) => x.name === e.communityName) as { id: number };
        const managers = await get<{ displayName: string }[]>(`/api/v1/communities/${estate.id}/managers?companyId=${e.companyId}&on=${e.occurredOn}`, county);
        expect(managers.map((m) => m.displayName)).toContain(e.managerName);
      }
    });

    it('has a year of joint meetings across the demo county: each estate once a quarter, offices’ 协调委员会 over several estates, items in every state, late ones in the 督办 queue', async () => {
      const signIn = async (user: string) => {
        const res = await fetch(`${api.baseUrl}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) });
        return { Authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
      };
      const get = async <T>(path: string, headers: Record<string, string>) => (await (await fetch(`${api.baseUrl}${path}`, { headers })).json()) as T;
      const county = await signIn('regulator.county');
      const meetings: MeetingView[] = [];
      for (let cursor: string | null = ''; cursor !== null; ) {
        const page: Page<MeetingView> = await get(`/api/v1/meetings?limit=100${cursor ? `&cursor=${cursor}` : ''}`, county);
        meetings.push(...page.items);
        cursor = page.nextCursor;
      }
      // 协调委员会 of an office over several of its estates, twice a year; each listed under its first estate.
      const joint = meetings.filter((m) => m.communities.length > 1);
      expect(joint.length).toBeGreaterThan(0);
      expect(joint.every((m) => m.kind === 'coordination' && m.items.length === m.communities.length)).toBe(true);
      expect(joint.every((m) => m.communities.every((c) => m.items.some((i) => i.communityId === c.id)))).toBe(true);
      // Whoever reported an item done never verified it.
      const verified = meetings.flatMap((m) => m.items.filter((i) => i.state === 'verified'));
      expect(verified.length).toBeGreaterThan(0);
      expect(verified.every((i) => i.timeline.find((e) => e.action === 'done')?.actorName !== i.timeline.find((e) => e.action === 'verify')?.actorName)).toBe(true);
      const perEstate = new Map<string, string[]>();
      for (const m of meetings.filter((x) => x.communities.length === 1)) perEstate.set(m.communityName, [...(perEstate.get(m.communityName) ?? []), quarterOf(m.heldOn)]);
      expect(perEstate.size).toBe(12);
      // Once a quarter over the last year (this quarter's still to come early in it).
      for (const [estate, quarters] of perEstate) expect({ estate, once: new Set(quarters).size === quarters.length, quarters: quarters.length >= 3 }).toEqual({ estate, once: true, quarters: true });
      expect(meetings.every((m) => m.heldOn < shanghaiDate() && m.heldOn >= addDays(shanghaiDate(), -366))).toBe(true);
      const states = new Set(meetings.flatMap((m) => m.items.map((i) => i.state)));
      expect([...states].sort()).toEqual(['done', 'open', 'verified']);
      const late = await get<Page<MeetingItemView>>('/api/v1/meeting-items?overdue=true&limit=100', county);
      expect(late.items.length).toBeGreaterThan(0);
      expect(late.items.every((i) => i.state === 'open' && i.overdueAt !== null && new Date(i.overdueAt) > new Date(i.deadlineAt))).toBe(true);
      // An office sees its own estates' only.
      const office = await get<Page<MeetingItemView>>('/api/v1/meeting-items?overdue=true&limit=100', await signIn('office.nanmen'));
      expect(office.items.every((i) => ['锦绣花园', '阳光新城'].includes(i.communityName))).toBe(true);
      // Every estate has its liaison leader; last quarter most had them sit in, some not.
      const countyArea = (await get<Page<AreaView>>('/api/v1/areas?level=county', county)).items.find((x) => x.code === 'QHX') as AreaView;
      const lastQuarter = quarterOf(addDays(periodDays(quarterOf(shanghaiDate())).from, -1));
      const attendance = await get<AttendanceCompliance>(`/api/v1/liaisons?areaId=${countyArea.id}&period=${lastQuarter}`, county);
      expect(attendance.rows).toHaveLength(12);
      expect(attendance.rows.every((r) => r.liaison !== null)).toBe(true);
      expect(new Set(attendance.rows.map((r) => r.status))).toEqual(new Set(['met', 'overdue']));
    });

    it('finishes an in-flight request on SIGTERM, then exits cleanly', async () => {
      const { port } = new URL(api.baseUrl);
      const body = JSON.stringify({ user: 'admin' });
      const socket = net.connect(Number(port), '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      let response = '';
      socket.on('data', (d) => (response += d));
      const closed = new Promise((r) => socket.once('close', r));
      // Headers and half the body: the request is in flight when SIGTERM arrives.
      socket.write(`POST /api/v1/auth/dev HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 5)}`);
      await new Promise((r) => setTimeout(r, 300));
      api.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      socket.write(body.slice(5));
      await closed;
      expect(response).toMatch(/^HTTP\/1\.1 200/);
      expect(response).toContain('accessToken');
      expect([0, 'SIGTERM']).toContain(await api.exited);
      expect(api.output()).not.toMatch(/"level":(50|60)/); // no error logged while shutting down
      // No new connections once shut down.
      await expect(fetch(`${api.baseUrl}/api/health`)).rejects.toThrow();
    });
  });

  describe('log lines', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(() => database.drop());

    /** A development process on the database (no seed), with these settings; its output after one request. */
    async function outputOfDevelopmentStart(env: Record<string, string>): Promise<{ output: string; baseUrl: string }> {
      const api = await startApi({ ...database.env, NODE_ENV: 'development', SEED_DEMO: 'false', JOBS_INTERVAL_SECONDS: '0', LOG_LEVEL: 'info', ...env });
      try {
        await (await fetch(`${api.baseUrl}/api/v1/auth/dev/users`)).arrayBuffer();
        await new Promise((r) => setTimeout(r, 200)); // the request's line is written once its answer is done
        return { output: api.output(), baseUrl: api.baseUrl };
      } finally {
        api.child.kill('SIGTERM');
        await api.exited;
      }
    }

    it('are JSON, one object per line, when the output is not a terminal (CI, a file, a pipe)', async () => {
      const { output, baseUrl } = await outputOfDevelopmentStart({});
      const parsed = output.trim().split('\n').map((line) => JSON.parse(line) as { msg?: string; req?: { url: string } });
      // The port the system picked (these processes start with PORT=0), not 0.
      expect(parsed.find((l) => l.msg?.startsWith(`listening on ${baseUrl} `))).toBeDefined();
      expect(parsed.find((l) => l.req?.url === '/api/v1/auth/dev/users')).toBeDefined();
    });

    it('with LOG_FORMAT=pretty: where to go, the demo accounts, then one short line per request, and no JSON', async () => {
      const { output, baseUrl } = await outputOfDevelopmentStart({ LOG_FORMAT: 'pretty' });
      expect(output).toContain(`物业通 is running on ${baseUrl}\n`);
      expect(output).toMatch(new RegExp(`API docs +${baseUrl}/api/docs`));
      expect(output).toContain('demo accounts');
      expect(output).toMatch(/INFO: GET \/api\/v1\/auth\/dev\/users 200 \d+ ms\n/);
      expect(output).not.toMatch(/^\{/m);
      // Nest's line per module and per route stays out of the way.
      expect(output).not.toContain('RouterExplorer');
      expect(output.trim().split('\n').length).toBeLessThan(20);
    });
  });
});
