import type { DisclosureSummary, DisclosureView, MeView, Page as ListPage } from '@wuye/contracts';
import { apiAs } from '../support/api';
import { backToMe, confirmDialog, openTab, signInThroughPicker, signOut, snap, visible } from '../support/app';
import { openApp, type Journey } from '../support/browser';
import { horizontalOverflow, setTextScale } from '../support/layout';

/**
 * What real users tripped on (issue 23): the manager taps a 新工单 notice and lands where 受理 is; the chair signs
 * off the demo's own in-review shared cost (2026年…月公共能耗分摊公示) once the query on it is answered and a member
 * approved the line, reading first why it cannot be signed yet.
 */

const DESCRIPTION = `2栋地下车库入口的灯坏了（e2e ${Date.now()}）`;

describe('notices that land where the reader acts, and a sign-off that works', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await openApp();
  });
  afterAll(() => j.close());

  it('陈经理 taps the 新工单 notice and finds 受理 on the page it opens', async () => {
    const { page, baseUrl } = j;
    const resident = await apiAs(baseUrl, 'resident.jinxiu');
    const me = await resident.get<MeView>('/api/v1/me');
    const communityId = me.roles.find((r) => r.role === 'resident')?.communityId as number;
    await resident.post('/api/v1/tickets', { communityId, kind: 'repair', categoryCode: 'facility', description: DESCRIPTION, photoIds: [], place: '2栋地下车库入口' });

    await signInThroughPicker(page, baseUrl, '锦绣花园 陈经理');
    await openTab(page, '消息');
    const notice = visible(page, '.message').filter({ hasText: '新工单' }).filter({ hasText: DESCRIPTION.slice(0, 12) }).first();
    await notice.click();
    await expect(visible(page, '.ticket-description').innerText()).resolves.toBe(DESCRIPTION);
    await visible(page, '.ticket-action-accept').waitFor();
    await snap(page, 'issue23-notice-opens-handling');
    await backToMe(page);
    await signOut(page);
  });

  it('the chair reads why the demo’s in-review shared cost cannot be signed yet, then signs it off', async () => {
    const { page, baseUrl } = j;
    const chair = await apiAs(baseUrl, 'chair.jinxiu');
    const communityId = (await chair.get<MeView>('/api/v1/me')).roles[0].communityId as number;
    const inReview = await chair.get<ListPage<DisclosureSummary>>(`/api/v1/communities/${communityId}/disclosures?state=in_review&type=shared_cost`);
    const seeded = inReview.items.find((d) => /^\d{4}年\d{1,2}月公共能耗分摊公示$/.test(d.title)) as DisclosureSummary;
    expect(seeded).toBeTruthy();

    await signInThroughPicker(page, baseUrl, '锦绣花园业委会 林主任');
    await page.goto(`${baseUrl}/#/packages/review/pages/detail/index?id=${seeded.id}`);
    await expect(visible(page, '.sign-off-blocked').innerText()).resolves.toContain('条质疑未回复');
    await expect(visible(page, '.sign-off-button').getAttribute('disabled')).resolves.not.toBeNull();
    await snap(page, 'issue23-signoff-blocked');

    // The manager answers the committee's query; 马委员 approves the line it was about.
    const manager = await apiAs(baseUrl, 'manager.jinxiu');
    const asManager = await manager.get<DisclosureView>(`/api/v1/disclosures/${seeded.id}`);
    const query = asManager.reviews.find((r) => r.decision === 'query' && !r.answer) as DisclosureView['reviews'][number];
    await manager.post(`/api/v1/disclosure-reviews/${query.id}/answer`, { answer: '本月电梯大修试运行用电计入，已附电表读数' });
    const member = await apiAs(baseUrl, 'committee.jinxiu');
    await member.post(`/api/v1/disclosures/${seeded.id}/reviews`, { lineId: query.lineId, decision: 'approve' });

    await page.reload();
    // Every line approved: each says 已通过 and offers no buttons.
    await visible(page, '.review-line-approved').first().waitFor();
    await expect(visible(page, '.review-line-approved').count()).resolves.toBe(asManager.lines.length);
    await expect(visible(page, '.line-card .review-approve').count()).resolves.toBe(0);
    await visible(page, '.sign-off-button').click();
    await confirmDialog(page, '签发公示');
    await visible(page, '.review-published').waitFor();
    await expect(visible(page, '.detail-state').innerText()).resolves.toBe('已公示');
    await snap(page, 'issue23-signoff-published');
    await backToMe(page);
    await signOut(page);

    // The resident's view of it leads with the money; the tamper check is a small badge.
    await signInThroughPicker(page, baseUrl, '张阿姨');
    await page.goto(`${baseUrl}/#/packages/disclosures/pages/detail/index?id=${seeded.id}`);
    await visible(page, '.chain-valid').waitFor();
    await visible(page, '.detail-my-share').waitFor();
    const above = await page.evaluate(() => {
      const top = (selector: string) => Array.from(document.querySelectorAll<HTMLElement>(selector)).find((el) => el.offsetParent !== null)?.getBoundingClientRect().top ?? -1;
      return { totals: top('.detail-totals'), share: top('.detail-my-share'), badge: top('.chain-badge') };
    });
    expect(above.totals).toBeLessThan(above.badge);
    expect(above.share).toBeLessThan(above.badge);
    await snap(page, 'issue23-disclosure-money-first');
    await setTextScale(page, 1.5);
    try {
      expect(await horizontalOverflow(page, '.detail')).toEqual([]);
      await snap(page, 'issue23-disclosure-money-first-large-text');
    } finally {
      await setTextScale(page, 1);
    }
  });
});
