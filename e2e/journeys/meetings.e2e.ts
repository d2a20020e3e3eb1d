import type { MeetingView, TicketView } from '@wuye/contracts';
import { apiAs } from '../support/api';
import { confirmDialog, openWorkspace, signInThroughPicker, snap, visible } from '../support/app';
import { openApp, type Journey } from '../support/browser';

/**
 * 四方联席会, 小事不出小区、大事不出社区, each person on their own phone: 南门社区's 赵书记 sends an overdue ticket of
 * 锦绣花园 from the 督办 queue to the next joint meeting, records the meeting with the ticket on its agenda and one
 * agreed item for the property side; 陈经理 reports it done; 赵书记 verifies it, then adds an item agreed afterwards;
 * 张阿姨 reads the summary — the date and the item with its state, no names.
 */

const ITEM = `物业两周内修复并回复业主（e2e ${Date.now()}）`;
const MINUTES = '会议听取了物业情况汇报，议定由物业负责修复。';
const ADDED = `物业一周内清理3栋楼道杂物（e2e ${Date.now()}）`;

describe('an overdue ticket referred to the joint meeting, its agreed item done and verified, the summary residents read', () => {
  let office: Journey;
  let manager: Journey;
  let ticketId: number;
  let meetingId: number;

  beforeAll(async () => {
    office = await openApp();
    manager = await openApp();
  });
  afterAll(async () => {
    await office.close();
    await manager.close();
  });

  it('赵书记 sends an overdue ticket of 锦绣花园 from the 督办 queue to the next joint meeting', async () => {
    const { page, baseUrl } = office;
    await signInThroughPicker(page, baseUrl, '南门社区 赵书记');
    await page.goto(`${baseUrl}/#/packages/oversight/pages/escalations/index`);
    await visible(page, '.ov-queue-item').first().waitFor();
    // The demo's overdue tickets of 锦绣花园 are its oldest: further down the queue.
    const row = visible(page, '.ov-queue-item').filter({ hasText: '锦绣花园' }).filter({ has: page.locator('.ov-refer-meeting') }).first();
    for (let more = 0; more < 10 && !(await row.count()); more++) {
      await visible(page, '.ov-more').click();
      await page.waitForTimeout(400);
    }
    ticketId = Number((await row.locator('.ov-row-title').innerText()).match(/#(\d+)/)?.[1]);
    expect(ticketId).toBeGreaterThan(0);
    await row.locator('.ov-refer-meeting').click();
    await confirmDialog(page, '提交联席会');
    const referred = visible(page, '.ov-queue-item').filter({ hasText: `#${ticketId} ` });
    await referred.locator('.ov-queue-referred', { hasText: '已提交联席会' }).waitFor();
    await expect(referred.locator('.ov-refer-meeting').count()).resolves.toBe(0);
    await snap(page, 'escalation-referred');
    const ticket = await (await apiAs(baseUrl, 'office.nanmen')).get<TicketView>(`/api/v1/tickets/${ticketId}`);
    expect(ticket.timeline.map((e) => e.note)).toContain('已提交联席会，待会议议定');
  });

  it('赵书记 records the meeting: the referred ticket on the agenda, one agreed item for the property side', async () => {
    const { page, baseUrl } = office;
    await openWorkspace(page, baseUrl, 'meetings');
    await visible(page, '.mt-new').click();
    await visible(page, '.mt-estate').filter({ hasText: '锦绣花园' }).click();
    // The ticket just referred waits for this estate's meeting: put it on the agenda.
    await visible(page, '.mt-referral').first().click();
    await visible(page, '.mt-referral-on').waitFor();
    await visible(page, '.mt-attendee-name input').first().fill('南门社区 赵书记');
    await visible(page, '.mt-minutes-text textarea').fill(MINUTES);
    await visible(page, '.mt-item-text textarea').fill(ITEM);
    await visible(page, '.mt-submit').click();
    await expect(visible(page, '.mt-form-error').innerText()).resolves.toBe('请填写第 1 个议定事项的责任人');
    await visible(page, '.mt-item-owner input').fill('陈经理');
    await visible(page, '.mt-item-ticket').filter({ hasNotText: '不关联' }).first().click();
    await visible(page, '.mt-submit').click();

    const item = visible(page, '.mt-item').filter({ hasText: ITEM });
    await item.waitFor();
    await expect(item.locator('.mt-item-state').innerText()).resolves.toBe('待落实');
    // The office does not report the property side's item done.
    await expect(item.locator('.mt-step').count()).resolves.toBe(0);
    meetingId = Number(new URL(page.url().replace('#', '')).searchParams.get('id'));
    expect(meetingId).toBeGreaterThan(0);
    const meeting = await (await apiAs(baseUrl, 'office.nanmen')).get<MeetingView>(`/api/v1/meetings/${meetingId}`);
    expect(meeting.agenda.map((a) => a.ticketId)).toContain(ticketId);
    expect(meeting.items[0]).toMatchObject({ text: ITEM, ticketId, ownerParty: 'property', state: 'open' });
    const ticket = await (await apiAs(baseUrl, 'office.nanmen')).get<TicketView>(`/api/v1/tickets/${ticketId}`);
    expect(ticket.timeline.map((e) => e.note)).toContainEqual(expect.stringContaining(`联席会议定：${ITEM}`));
  });

  it('陈经理 finds the meeting in 联席会议 and reports the item done', async () => {
    const { page, baseUrl } = manager;
    await signInThroughPicker(page, baseUrl, '锦绣花园 陈经理');
    await openWorkspace(page, baseUrl, 'meetings');
    await visible(page, '.mt-meeting-row').first().waitFor();
    await page.goto(`${baseUrl}/#/packages/meetings/pages/meeting/index?id=${meetingId}`);
    const item = visible(page, '.mt-item').filter({ hasText: ITEM });
    await item.locator('.mt-step-done').click();
    await item.locator('.mt-panel-submit').click();
    await expect(item.locator('.mt-panel-error').innerText()).resolves.toBe('请填写落实情况');
    await item.locator('.mt-panel-text textarea').fill('已修复，业主确认');
    await item.locator('.mt-panel-submit').click();
    await item.locator('.mt-item-state', { hasText: '待核验' }).waitFor();
    await expect(item.locator('.mt-step').count()).resolves.toBe(0);
  });

  it('赵书记 verifies it: the item’s steps are 报落实 and 核验通过', async () => {
    const { page } = office;
    await page.reload();
    const item = visible(page, '.mt-item').filter({ hasText: ITEM });
    await item.locator('.mt-step-verify').click();
    await item.locator('.mt-panel-text textarea').fill('现场核验，落实到位');
    await item.locator('.mt-panel-submit').click();
    await item.locator('.mt-item-state', { hasText: '已核验' }).waitFor();
    await expect(item.locator('.mt-event').allInnerTexts()).resolves.toEqual([expect.stringContaining('报落实'), expect.stringContaining('核验通过')]);
    await snap(page, 'meeting-item-verified');
  });

  it('赵书记 adds an item agreed at the meeting afterwards (追加议定事项): listed at once, and 陈经理 is offered to report it', async () => {
    const { page, baseUrl } = office;
    await visible(page, '.mt-add-items').click();
    await visible(page, '.mt-add-items-form .mt-item-text textarea').fill(ADDED);
    await visible(page, '.mt-add-items-submit').click();
    await expect(visible(page, '.mt-form-error').innerText()).resolves.toBe('请填写第 2 个议定事项的责任人');
    await visible(page, '.mt-add-items-form .mt-item-owner input').fill('陈经理');
    await snap(page, 'meeting-add-items');
    await visible(page, '.mt-add-items-submit').click();
    const added = visible(page, '.mt-item').filter({ hasText: ADDED });
    await added.waitFor();
    await expect(added.locator('.mt-item-state').innerText()).resolves.toBe('待落实');
    await expect(page.locator('.mt-add-items-form').count()).resolves.toBe(0);
    const meeting = await (await apiAs(baseUrl, 'office.nanmen')).get<MeetingView>(`/api/v1/meetings/${meetingId}`);
    expect(meeting.items.map((i) => i.text)).toEqual([ITEM, ADDED]);
    await manager.page.reload();
    await visible(manager.page, '.mt-item').filter({ hasText: ADDED }).locator('.mt-step-done').waitFor();
    await expect(manager.page.locator('.mt-add-items').count()).resolves.toBe(0);
  });

  it('张阿姨 reads the meeting in 小区联席会: the date, the item and its state, no names', async () => {
    const resident = await openApp();
    try {
      const { page, baseUrl } = resident;
      await signInThroughPicker(page, baseUrl, '张阿姨');
      await openWorkspace(page, baseUrl, 'meetingSummary');
      const row = visible(page, '.mt-summary-item').filter({ hasText: ITEM });
      await row.waitFor();
      await expect(row.locator('.mt-summary-state').innerText()).resolves.toBe('已核验');
      const card = visible(page, '.mt-summary-meeting').filter({ hasText: ITEM });
      const text = await card.innerText();
      for (const personal of ['赵书记', '陈经理', MINUTES]) expect(text).not.toContain(personal);
      await snap(page, 'meeting-summary');
    } finally {
      await resident.close();
    }
  });
});
