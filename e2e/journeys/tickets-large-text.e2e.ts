import type { Page as ApiPage, TicketSummary } from '@wuye/contracts';
import { openTab, signInThroughPicker, snap, visible } from '../support/app';
import { apiAs } from '../support/api';
import { openApp, type Journey } from '../support/browser';
import { designRootFontSize, horizontalOverflow, rootFontSize, setTextScale } from '../support/layout';
import { PHOTO, fillReport } from '../support/tickets';

/**
 * 适老化: 张阿姨 reads with WeChat's largest font. The report form (filled in, with a photo and the similar-ticket
 * offer) and a ticket's detail with its timeline must wrap, never stick out sideways.
 */
describe('随手拍 with the text enlarged 1.5 times', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await openApp();
  });
  afterAll(() => j.close());

  it('the report form: nothing overflows sideways', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '张阿姨');
    await openTab(page, '首页');
    const normal = await designRootFontSize(page);
    await setTextScale(page, 1.5);
    try {
      expect(await rootFontSize(page)).toBeCloseTo(normal * 1.5, 1);
      await visible(page, '.home-report').click();
      await fillReport(page, { category: '电梯', description: '3栋1单元电梯按钮失灵，按了不亮，老人上下楼很不方便，请尽快派人维修'.repeat(2), place: '3栋1单元电梯厅', photo: PHOTO });
      // The category chip's text really is larger (17px at the normal size).
      const chipSize = await visible(page, '.report-category').first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
      expect(chipSize).toBeGreaterThan(24);
      expect(await horizontalOverflow(page, '.report')).toEqual([]);
      await snap(page, 'tickets-large-text-report');
    } finally {
      await setTextScale(page, 1);
    }
  });

  it('a ticket’s detail with its timeline: nothing overflows sideways', async () => {
    const { page } = j;
    const resident = await apiAs(j.baseUrl, 'resident.jinxiu');
    const board = await resident.get<ApiPage<TicketSummary>>('/api/v1/tickets?view=mine&limit=20');
    // The demo county gives 张阿姨 tickets of her own; the one with the longest history shows the most.
    expect(board.items.length).toBeGreaterThan(0);
    const ticket = board.items.find((t) => t.state === 'closed' || t.state === 'resolved') ?? board.items[0];
    await page.goto(`${j.baseUrl}/#/packages/tickets/pages/detail/index?id=${ticket.id}`);
    await visible(page, '.detail-timeline').waitFor();
    await setTextScale(page, 1.5);
    try {
      expect(await horizontalOverflow(page, '.detail')).toEqual([]);
      await snap(page, 'tickets-large-text-detail');
      await page.goto(`${j.baseUrl}/#/packages/tickets/pages/index/index`);
      await visible(page, '.ticket-card').first().waitFor();
      await setTextScale(page, 1.5);
      expect(await horizontalOverflow(page, '.tickets')).toEqual([]);
      await snap(page, 'tickets-large-text-mine');
    } finally {
      await setTextScale(page, 1);
    }
  });

  it('threw no JavaScript errors', () => {
    expect(j.errors).toEqual([]);
  });
});
