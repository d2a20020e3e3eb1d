import type { TicketSummary, TicketView, Page as ApiPage } from '@wuye/contracts';
import { backTo, confirmDialog, openTab, settle, signInThroughPicker, snap, visible } from '../support/app';
import { apiAs, type ApiClient } from '../support/api';
import { openApp, type Journey } from '../support/browser';
import { PHOTO, backToTabs, fillReport, submitReport } from '../support/tickets';

const stamp = Date.now().toString(36);

/** The resident's tickets with this description, as the server holds them. */
async function ticketsDescribed(resident: ApiClient, description: string): Promise<TicketSummary[]> {
  const page = await resident.get<ApiPage<TicketSummary>>('/api/v1/tickets?view=mine&limit=100');
  return page.items.filter((t) => t.summary === description);
}

/**
 * 张阿姨 of 锦绣花园 reports problems with the phone's camera roll and loses her connection while reporting (the
 * whole loop to her rating is ticket-loop.e2e.ts).
 */
describe('随手拍: a resident reports, follows and rates', () => {
  let j: Journey;
  let resident: ApiClient;
  beforeAll(async () => {
    j = await openApp();
    resident = await apiAs(j.baseUrl, 'resident.jinxiu');
  });
  afterAll(() => j.close());

  const reported = `车库入口积水，老人容易滑倒 ${stamp}`;

  it('reports a problem with a photo from home and lands on its detail with the timeline', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '张阿姨');
    await openTab(page, '首页');
    await visible(page, '.home-report').click();
    await fillReport(page, { category: '环境卫生', description: reported, place: '地下车库B2入口', photo: PHOTO });
    await snap(page, 'tickets-report-form');
    await submitReport(page);

    const head = visible(page, '.detail-head');
    await head.waitFor();
    await expect(visible(page, '.detail-description').innerText()).resolves.toBe(reported);
    await expect(visible(page, '.detail-head .ticket-state').innerText()).resolves.toBe('待受理');
    expect(await visible(page, '.detail-report-photos .photo-grid-item').count()).toBe(1);
    await expect(visible(page, '.detail-timeline').innerText()).resolves.toContain('提交报事');
    await snap(page, 'tickets-detail-submitted');

    const [filed] = await ticketsDescribed(resident, reported);
    const ticket = await resident.get<TicketView>(`/api/v1/tickets/${filed.id}`);
    expect(ticket.photos).toHaveLength(1);
    expect(ticket.place).toBe('地下车库B2入口');
  });

  it('finds it in 我的报事 and opens it again', async () => {
    const { page } = j;
    await backTo(page, '.home-my-tickets');
    await visible(page, '.home-my-tickets').click();
    const card = visible(page, '.ticket-card').filter({ hasText: reported });
    await card.waitFor();
    await expect(card.locator('.ticket-state').innerText()).resolves.toBe('待受理');
    await snap(page, 'tickets-mine');
    await card.click();
    await visible(page, '.detail-timeline').filter({ hasText: '提交报事' }).waitFor();
    await expect(visible(page, '.detail-description').innerText()).resolves.toBe(reported);
  });

  it('offline, a report waits on the phone as 待发送 and is filed exactly once when the connection returns', async () => {
    const { page } = j;
    const offline = `5栋东侧路灯不亮 ${stamp}`;
    // From the tab bar, as a resident would come back to it: 首页 → 我的报事 → 随手拍.
    await backToTabs(page);
    await openTab(page, '首页');
    await visible(page, '.home-my-tickets').click();
    await visible(page, '.tickets-report').click();
    await fillReport(page, { category: '设施故障', description: offline, place: '5栋东侧小路', photo: PHOTO });

    await page.context().setOffline(true);
    try {
      await visible(page, '.report-submit').click();
      await confirmDialog(page, '已保存，待发送');
      const waiting = visible(page, '.outbox-item').filter({ hasText: offline });
      await waiting.waitFor();
      await expect(waiting.locator('.outbox-state').innerText()).resolves.toBe('待发送');
      await snap(page, 'tickets-outbox-waiting');
      // Still offline: showing the page again tries and keeps it.
      await settle(page);
      expect(await visible(page, '.outbox-item').filter({ hasText: offline }).count()).toBe(1);
    } finally {
      await page.context().setOffline(false);
    }

    await visible(page, '.outbox-item').filter({ hasText: offline }).waitFor({ state: 'detached', timeout: 20_000 });
    await visible(page, '.ticket-card').filter({ hasText: offline }).waitFor();
    // Coming back to the list again sends nothing more.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await settle(page);

    const filed = await ticketsDescribed(resident, offline);
    expect(filed).toHaveLength(1);
    const ticket = await resident.get<TicketView>(`/api/v1/tickets/${filed[0].id}`);
    expect(ticket.photos).toHaveLength(1);
  });

  it('threw no JavaScript errors', () => {
    expect(j.errors).toEqual([]);
  });
});
