import type { MeView, TicketView } from '@wuye/contracts';
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
    // A ticket with a long history: reported, accepted, resolved with feedback (the rating form shows too).
    const resident = await apiAs(j.baseUrl, 'resident.jinxiu');
    const manager = await apiAs(j.baseUrl, 'manager.jinxiu');
    const me = await resident.get<MeView>('/api/v1/me');
    const communityId = me.houses[0].communityId;
    const photoId = await resident.upload(PHOTO);
    let ticket = await resident.post<TicketView>('/api/v1/tickets', {
      communityId,
      kind: 'hazard',
      categoryCode: 'safety',
      description: '3栋外墙瓷砖有松动，刮风时有碎片掉下来，楼下经常有小孩玩耍，非常危险，请物业尽快处理并在下面拉上警戒线'.repeat(3),
      place: '3栋北侧外墙靠近儿童游乐区的位置',
      photoIds: [photoId],
    });
    ticket = await manager.post<TicketView>(`/api/v1/tickets/${ticket.id}/transitions`, { action: 'accept', version: ticket.version });
    const feedbackPhoto = await manager.upload(PHOTO);
    await manager.post<TicketView>(`/api/v1/tickets/${ticket.id}/transitions`, {
      action: 'resolve',
      version: ticket.version,
      note: '已请专业施工队检查3栋北侧外墙，清除松动瓷砖共12块，并重新粘贴加固，施工期间已拉警戒线',
      photoIds: [feedbackPhoto],
    });
    await page.goto(`${j.baseUrl}/#/packages/tickets/pages/detail/index?id=${ticket.id}`);
    await visible(page, '.detail-timeline').waitFor();
    await visible(page, '.detail-rate').waitFor();
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
