import { signInThroughPicker, snap, visible } from '../support/app';
import { openApp, type Journey } from '../support/browser';

/**
 * 小区公告, each person on their own phone: 锦绣花园's 陈经理 posts a pinned announcement; 张阿姨 finds it first on her
 * home page and opens it; 陈经理 then sees that one resident read it (the count, never who).
 */

const TITLE = `停水通知 ${Date.now() % 100000}`;
const BODY = '本周六 9:00–15:00 3栋、5栋停水，请提前储水。';

describe('an announcement posted, seen first on a resident’s home page, and counted as read', () => {
  let manager: Journey;
  let resident: Journey;

  beforeAll(async () => {
    manager = await openApp();
    resident = await openApp();
  });
  afterAll(async () => {
    await manager.close();
    await resident.close();
  });

  it('陈经理 posts a pinned announcement to 锦绣花园', async () => {
    const { page, baseUrl } = manager;
    await signInThroughPicker(page, baseUrl, '锦绣花园 陈经理');
    await page.goto(`${baseUrl}/#/pages/index/index`);
    await visible(page, '.home-workspaces .workspace-announcements').click();
    await visible(page, '.an-new').click();
    await visible(page, '.an-post-estate').filter({ hasText: '锦绣花园' }).waitFor();
    await visible(page, '.an-post-title input').fill(TITLE);
    await visible(page, '.an-post-body textarea').fill(BODY);
    await visible(page, '.an-post-pin').filter({ hasText: /^置顶$/ }).click();
    await snap(page, 'announcement-form');
    await visible(page, '.an-post-submit').click();
    await visible(page, '.an-detail-title').filter({ hasText: TITLE }).waitFor();
    expect(await visible(page, '.an-detail-reads .an-reads').innerText()).toBe('已读 0 人');
    expect(manager.errors).toEqual([]);
  });

  it('张阿姨 sees it first on her home page, opens it, and is not shown who else read it', async () => {
    const { page, baseUrl } = resident;
    await signInThroughPicker(page, baseUrl, '张阿姨');
    await page.goto(`${baseUrl}/#/pages/index/index`);
    const first = visible(page, '.home-announcements .home-announcement').first();
    await first.filter({ hasText: TITLE }).waitFor();
    expect(await first.innerText()).toContain('置顶');
    await snap(page, 'announcement-home');
    await first.click();
    await visible(page, '.an-detail-body').filter({ hasText: BODY }).waitFor();
    expect(await visible(page, '.an-reads').count()).toBe(0);
    expect(resident.errors).toEqual([]);
  });

  it('陈经理 sees that one resident read it', async () => {
    const { page } = manager;
    await page.reload();
    await visible(page, '.an-detail-reads .an-reads').filter({ hasText: '已读 1 人' }).waitFor();
    await snap(page, 'announcement-read-count');
    expect(manager.errors).toEqual([]);
  });
});
