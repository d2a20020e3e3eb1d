import { openApp, screenshot, type Journey } from '../support/browser';

/** Foundation journey: a newcomer opens the one URL and sees the demo county's estates. */
describe('opening the app', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await openApp();
  });
  afterAll(() => j.close());

  it('shows the estates of the demo county with their town, office and company', async () => {
    await j.page.goto(j.baseUrl);
    const cards = j.page.locator('.community-card');
    await cards.first().waitFor();
    await screenshot(j.page, 'home');
    const names = await j.page.locator('.community-name').allInnerTexts();
    expect(names).toEqual(expect.arrayContaining(['锦绣花园', '阳光新城', '翠湖名苑']));
    const jinxiu = cards.filter({ hasText: '锦绣花园' });
    await expect(jinxiu.innerText()).resolves.toMatch(/城关镇.*南门社区[\s\S]*清河万家物业服务有限公司/);
  });

  it('loads more estates until the whole county is listed', async () => {
    const more = j.page.getByText('加载更多');
    while (await more.isVisible()) {
      const before = await j.page.locator('.community-card').count();
      await more.click();
      await j.page.waitForFunction((n) => document.querySelectorAll('.community-card').length > n, before);
    }
    expect(await j.page.locator('.community-card').count()).toBe(12);
    // The estate handed over to a new company shows the new one.
    await expect(j.page.locator('.community-card', { hasText: '柳林新村' }).innerText()).resolves.toContain('西山绿城物业服务有限公司');
  });

  it('threw no JavaScript errors', () => {
    expect(j.errors).toEqual([]);
  });
});
