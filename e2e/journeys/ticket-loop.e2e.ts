import type { Page } from 'playwright-core';
import type { MeView, TicketView } from '@wuye/contracts';
import { backTo, openTab, signInThroughPicker, snap, visible } from '../support/app';
import { openApp, type Journey } from '../support/browser';
import { horizontalOverflow, setTextScale } from '../support/layout';
import { PHOTO, attachPanelPhoto, backToTabs, fillReport, submitReport } from '../support/tickets';

/**
 * The whole loop, each person on their own phone: 张阿姨 reports a broken lift button with a photo (随手拍); the
 * estate's manager finds it in 工单收件箱, accepts it and assigns it to 刘师傅; 刘师傅 starts and resolves it with a
 * photo of the repair; the manager's statistics count one more 已反馈; 张阿姨 sees the feedback and rates it.
 */

const DESCRIPTION = `5栋2单元电梯按钮失灵（e2e ${Date.now()}）`;
const FEEDBACK = '已更换5栋2单元电梯按钮面板，测试正常';
const SECOND = `6栋楼道灯不亮（e2e ${Date.now()}）`;

interface Session {
  accessToken: string;
}

async function api<T>(baseUrl: string, path: string, init: { method?: string; token?: string; json?: unknown; form?: FormData; headers?: Record<string, string> } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? (init.json !== undefined || init.form ? 'POST' : 'GET'),
    headers,
    body: init.form ?? (init.json !== undefined ? JSON.stringify(init.json) : undefined),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${body}`);
  return JSON.parse(body) as T;
}

const signInByApi = (baseUrl: string, user: string) => api<Session>(baseUrl, '/api/v1/auth/dev', { json: { user } });

/** The 已反馈 count of 近7天 on the visible statistics card (a week: no seeded ticket can auto-close into it). */
async function resolvedThisWeek(page: Page): Promise<number> {
  await visible(page, '.stats-body').waitFor();
  const answered = page.waitForResponse((response) => response.url().includes('/ticket-stats?') && response.ok());
  await visible(page, '.stats-range').filter({ hasText: '近7天' }).click();
  await answered;
  await visible(page, '.stats-range.chip-selected').filter({ hasText: '近7天' }).waitFor();
  return Number(await visible(page, '.stats-state-resolved .stats-value').innerText());
}

async function shownState(page: Page): Promise<string> {
  return visible(page, '.ticket-head .ticket-state').innerText();
}

describe('a ticket from 随手拍 to 办结: reported, handled by the manager and a staff member, rated', () => {
  let reporter: Journey;
  let manager: Journey;
  let staff: Journey;
  let resident: Session;
  let communityId: number;
  let ticketId: number;
  let baseline: number;

  beforeAll(async () => {
    reporter = await openApp();
    manager = await openApp();
  });
  afterAll(async () => {
    await reporter.close();
    await manager.close();
    await staff?.close();
  });

  it('张阿姨 reports a broken lift button with a photo through 随手拍', async () => {
    const { page, baseUrl } = reporter;
    await signInThroughPicker(page, baseUrl, '张阿姨');
    await openTab(page, '首页');
    await visible(page, '.home-report').click();
    await fillReport(page, { category: '电梯', description: DESCRIPTION, place: '5栋2单元大堂', photo: PHOTO });
    await submitReport(page);
    await expect(visible(page, '.detail-head .ticket-state').innerText()).resolves.toBe('待受理');

    resident = await signInByApi(baseUrl, 'resident.jinxiu');
    const me = await api<MeView>(baseUrl, '/api/v1/me', { token: resident.accessToken });
    communityId = me.roles.find((role) => role.role === 'resident')?.communityId as number;
    const mine = await api<{ items: { id: number; summary: string }[] }>(baseUrl, '/api/v1/tickets?view=mine', { token: resident.accessToken });
    ticketId = (mine.items.find((t) => t.summary === DESCRIPTION) as { id: number }).id;
    const filed = await api<TicketView>(baseUrl, `/api/v1/tickets/${ticketId}`, { token: resident.accessToken });
    expect(filed.state).toBe('submitted');
    expect(filed.photos).toHaveLength(1);
  });

  it('the manager notes this week’s 已反馈 count on 工单统计', async () => {
    const { page, baseUrl } = manager;
    await signInThroughPicker(page, baseUrl, '锦绣花园 陈经理');
    await visible(page, '.workspace-work').click();
    await visible(page, '.work-action-stats').click();
    baseline = await resolvedThisWeek(page);
    expect(await visible(page, '.stats-response-rate .stats-label').innerText()).toBe('按时受理率');
    await snap(page, 'handling-stats-before');
    await backTo(page, '.work-action-inbox');
    // The workbench counts what waits: at least the report just filed.
    await expect(visible(page, '.work-action-inbox .work-badge').first().innerText()).resolves.toMatch(/^[1-9]\d* 待受理$/);
  });

  it('finds it in 工单收件箱 under 待受理, with its photo, reporter and deadlines', async () => {
    const { page } = manager;
    await visible(page, '.work-action-inbox').click();
    await visible(page, '.handling-item').first().waitFor();
    const filtered = page.waitForResponse((response) => response.url().includes('view=inbox') && response.url().includes('state=submitted'));
    await visible(page, '.handling-state-filter').filter({ hasText: '待受理' }).click();
    await filtered;
    const item = visible(page, '.handling-item').filter({ hasText: DESCRIPTION });
    await expect(item.locator('.ticket-state').innerText()).resolves.toBe('待受理');
    await expect(item.locator('.ticket-due').innerText()).resolves.toMatch(/^受理时限 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await snap(page, 'handling-inbox');
    await item.click();

    await expect(visible(page, '.ticket-description').innerText()).resolves.toBe(DESCRIPTION);
    await expect(visible(page, '.ticket-reporter').innerText()).resolves.toContain('张阿姨');
    await expect(visible(page, '.ticket-place').innerText()).resolves.toContain('5栋2单元大堂');
    const thumb = visible(page, '.ticket-photos img');
    await expect(thumb.count()).resolves.toBe(1);
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>('.ticket-photos img')).some((img) => img.naturalWidth > 0));
  });

  it('accepts it (受理) with a note and assigns it (转办) to 刘师傅', async () => {
    const { page } = manager;
    await visible(page, '.ticket-action-accept').click();
    await visible(page, '.ticket-panel-text textarea').fill('已安排维修师傅');
    await visible(page, '.ticket-panel-submit').click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.ticket-head .ticket-state')).some((el) => el.innerText === '已受理'));
    await expect(visible(page, '.ticket-timeline').innerText()).resolves.toContain('已安排维修师傅');

    await visible(page, '.ticket-action-assign').click();
    await visible(page, '.assignee-option').filter({ hasText: '刘师傅（维修工）' }).click();
    await snap(page, 'handling-assign-picker');
    await visible(page, '.ticket-panel-submit').click();
    await visible(page, '.ticket-assignee').filter({ hasText: '刘师傅' }).waitFor();
    await expect(shownState(page)).resolves.toBe('已转办');
    await snap(page, 'handling-assigned');
  });

  it('at WeChat’s largest font the ticket and the inbox still fit the phone', async () => {
    const { page } = manager;
    await setTextScale(page, 1.5);
    try {
      const size = await visible(page, '.ticket-description').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
      expect(size).toBeGreaterThan(25);
      expect(await horizontalOverflow(page, '.page.ticket')).toEqual([]);
      await snap(page, 'handling-ticket-large-text');
      await backTo(page, '.handling-filters');
      expect(await horizontalOverflow(page, '.page.handling')).toEqual([]);
      await snap(page, 'handling-inbox-large-text');
    } finally {
      await setTextScale(page, 1);
    }
  });

  it('when another manager acted first (409), the ticket is shown again as it is now', async () => {
    const { page, baseUrl } = manager;
    const other = await signInByApi(baseUrl, 'manager.jinxiu');
    const created = await api<TicketView>(baseUrl, '/api/v1/tickets', {
      token: resident.accessToken,
      json: { communityId, kind: 'repair', categoryCode: 'facility', description: SECOND, photoIds: [], place: '6栋楼道' },
    });
    const accepted = await api<TicketView>(baseUrl, `/api/v1/tickets/${created.id}/transitions`, { token: other.accessToken, json: { action: 'accept', version: created.version } });

    const filtered = page.waitForResponse((response) => response.url().includes('view=inbox') && response.url().includes('state=accepted'));
    await visible(page, '.handling-state-filter').filter({ hasText: '已受理' }).click();
    await filtered;
    await visible(page, '.handling-item').filter({ hasText: SECOND }).click();
    await expect(visible(page, '.ticket-description').innerText()).resolves.toBe(SECOND);

    // Meanwhile, on another phone, the ticket goes to 刘师傅.
    const assignees = await api<{ id: number; displayName: string }[]>(baseUrl, `/api/v1/communities/${communityId}/assignees`, { token: other.accessToken });
    const liu = assignees.find((a) => a.displayName.includes('刘师傅')) as { id: number };
    await api<TicketView>(baseUrl, `/api/v1/tickets/${created.id}/transitions`, { token: other.accessToken, json: { action: 'assign', assigneeId: liu.id, version: accepted.version } });

    await visible(page, '.ticket-action-assign').click();
    await visible(page, '.assignee-option').filter({ hasText: '黄阿姨' }).click();
    await visible(page, '.ticket-panel-submit').click();
    await expect(visible(page, '.ticket-stale').innerText()).resolves.toBe('工单已被他人更新，已刷新');
    // Shown where the person is looking, not somewhere above.
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('.ticket-stale')).some((el) => {
        const box = el.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
      }),
    );
    await visible(page, '.ticket-assignee').filter({ hasText: '刘师傅' }).waitFor();
    await expect(shownState(page)).resolves.toBe('已转办');
    await expect(visible(page, '.ticket-panel').count()).resolves.toBe(0);
    await snap(page, 'handling-stale-refreshed');
  });

  it('刘师傅, on his own phone, finds it in 我的派单, starts it and resolves it with a photo', async () => {
    staff = await openApp();
    const { page, baseUrl } = staff;
    await signInThroughPicker(page, baseUrl, '锦绣花园 刘师傅');
    await visible(page, '.workspace-work').click();
    await expect(visible(page, '.work-action-inbox').count()).resolves.toBe(0);
    await expect(visible(page, '.work-action-assigned .work-badge').innerText()).resolves.toMatch(/^[1-9]\d* 待办$/);
    await visible(page, '.work-action-assigned').click();
    await visible(page, '.handling-item').filter({ hasText: DESCRIPTION }).click();
    await expect(shownState(page)).resolves.toBe('已转办');

    await visible(page, '.ticket-action-start').click();
    await visible(page, '.ticket-panel-submit').click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.ticket-head .ticket-state')).some((el) => el.innerText === '办理中'));

    await visible(page, '.ticket-action-resolve').click();
    await visible(page, '.ticket-panel-text textarea').fill(FEEDBACK);
    await attachPanelPhoto(page);
    await expect(visible(page, '.photo-picker-add').innerText()).resolves.toContain('1/9');
    await snap(page, 'handling-resolve-form');
    await setTextScale(page, 1.5);
    try {
      expect(await horizontalOverflow(page, '.page.ticket')).toEqual([]);
      await snap(page, 'handling-resolve-form-large-text');
    } finally {
      await setTextScale(page, 1);
    }
    await visible(page, '.ticket-panel-submit').click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.ticket-head .ticket-state')).some((el) => el.innerText === '已反馈'));
    const resolved = visible(page, '.timeline-resolve');
    await expect(resolved.innerText()).resolves.toContain(FEEDBACK);
    // Taro's H5 <Image> puts its <img> in after it is attached: wait for it, then count.
    await resolved.locator('img').first().waitFor({ state: 'attached' });
    await expect(resolved.locator('img').count()).resolves.toBe(1);
    await expect(visible(page, '.ticket-no-actions').count()).resolves.toBe(1);
    await snap(page, 'handling-resolved');
  });

  it('the resident sees it resolved, with 刘师傅’s feedback and photo in the timeline (through the API)', async () => {
    const { baseUrl } = manager;
    const answer = await api<TicketView>(baseUrl, `/api/v1/tickets/${ticketId}`, { token: resident.accessToken });
    expect(answer.state).toBe('resolved');
    const steps = answer.timeline.map((event) => event.action);
    expect(steps).toEqual(expect.arrayContaining(['created', 'accept', 'assign', 'start', 'resolve']));
    const resolve = answer.timeline.find((event) => event.action === 'resolve');
    expect(resolve?.actor).toContain('刘师傅');
    expect(resolve?.note).toBe(FEEDBACK);
    expect(resolve?.photos).toHaveLength(1);
    const image = await fetch(`${baseUrl}${resolve?.photos[0].url}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(answer.actions).toEqual(expect.arrayContaining(['close', 'reopen']));
  });

  it('the manager’s 工单统计 now counts one more 已反馈 this week, and fits the phone at the largest font', async () => {
    const { page } = manager;
    await backTo(page, '.work-action-stats');
    await visible(page, '.work-action-stats').click();
    await expect(resolvedThisWeek(page)).resolves.toBe(baseline + 1);
    await snap(page, 'handling-stats-after');
    await setTextScale(page, 1.5);
    try {
      expect(await horizontalOverflow(page, '.page.handling-stats')).toEqual([]);
      await snap(page, 'handling-stats-large-text');
    } finally {
      await setTextScale(page, 1);
    }
  });

  it('张阿姨 sees 刘师傅’s feedback from 消息 and rates it, which closes the ticket', async () => {
    const { page } = reporter;
    await backToTabs(page);
    await openTab(page, '消息');
    const message = visible(page, '.message').filter({ hasText: '工单已处理，请评价' }).first();
    await message.waitFor();
    await message.click();
    await expect(visible(page, '.detail-feedback').innerText()).resolves.toContain(FEEDBACK);
    await expect(visible(page, '.detail-head .ticket-state').innerText()).resolves.toBe('已反馈');
    await expect(visible(page, '.detail-timeline').innerText()).resolves.toMatch(/反馈结果[\s\S]*开始办理[\s\S]*转办[\s\S]*受理[\s\S]*提交报事/);
    // One row of five large stars; the one button says it also closes the ticket.
    await expect(visible(page, '.detail-star').count()).resolves.toBe(5);
    await visible(page, '.detail-star').nth(3).click();
    await expect(visible(page, '.detail-rate-submit').innerText()).resolves.toBe('提交评价并办结');
    await visible(page, '.detail-tag').filter({ hasText: '响应及时' }).click();
    await visible(page, '.detail-comment-input textarea').fill('处理得很快，谢谢');
    await snap(page, 'loop-rate');
    await visible(page, '.detail-rate-submit').click();
    const rating = visible(page, '.detail-rating');
    await rating.waitFor();
    await expect(rating.innerText()).resolves.toMatch(/4 星 · 满意[\s\S]*响应及时[\s\S]*处理得很快，谢谢/);
    expect(await visible(page, '.detail-rate').count()).toBe(0);
    const rated = await api<TicketView>(reporter.baseUrl, `/api/v1/tickets/${ticketId}`, { token: resident.accessToken });
    expect(rated.state).toBe('closed');
    expect(rated.rating).toMatchObject({ stars: 4, tags: ['响应及时'], comment: '处理得很快，谢谢' });
  });

  it('threw no JavaScript errors', () => {
    expect(reporter.errors).toEqual([]);
    expect(manager.errors).toEqual([]);
    expect(staff.errors).toEqual([]);
  });
});
