import { signInThroughPicker, signOut, snap, visible } from '../support/app';
import { openApp, type Journey } from '../support/browser';
import { horizontalOverflow, setTextScale } from '../support/layout';

/** Issue 23, the rest: a resident's home leads with their estate; a page opened from a link offers the way home. */
describe('issue 23: home first, and a way home from a link', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await openApp();
  });
  afterAll(() => j.close());

  /** The screenshot at 390×844, then with WeChat's largest text (1.5×), where nothing may stick out sideways. */
  const snapBoth = async (name: string, root: string) => {
    await snap(j.page, name);
    await setTextScale(j.page, 1.5);
    try {
      expect(await horizontalOverflow(j.page, root)).toEqual([]);
      await snap(j.page, `${name}-large-text`);
    } finally {
      await setTextScale(j.page, 1);
    }
  };

  it('a resident’s home shows their estate before the county directory: reports, 公示 and the 物业 number', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '张阿姨');
    await page.goto(`${j.baseUrl}/#/pages/index/index`);
    const estate = visible(page, '.home-estate');
    await estate.waitFor();
    await expect(estate.locator('.home-estate-name').innerText()).resolves.toBe('锦绣花园');
    await expect(estate.locator('.home-estate-company').innerText()).resolves.toMatch(/清河万家物业服务有限公司 · \d/);
    await estate.locator('.home-estate-disclosure').first().waitFor();
    await expect(estate.innerText()).resolves.not.toMatch(/\d{4}-Q\d/);
    // Above the directory, not below it.
    const [estateTop, directoryTop] = await Promise.all([estate.evaluate((e) => e.getBoundingClientRect().top), visible(page, '.home-heading').evaluate((e) => e.getBoundingClientRect().top)]);
    expect(estateTop).toBeLessThan(directoryTop);
    await snapBoth('issue23b-home-own-estate', '.home');
  });

  it('a page opened from a link offers 首页, which leads home; the estate page shows the rating with its year', async () => {
    const { page } = j;
    // A fresh load of the page's URL: nothing below it to go back to.
    await page.goto('about:blank');
    await page.goto(`${j.baseUrl}/#/packages/oversight/pages/estate/index`);
    const rating = visible(page, '.ov-estate-stars');
    await rating.waitFor();
    await expect(rating.innerText()).resolves.toMatch(/^\d{4}年度 /);
    const home = visible(page, '.h5-home-link');
    await home.waitFor();
    await snapBoth('issue23b-link-estate-standing', '.ov-estate-page');
    await home.click();
    await visible(page, '.home-estate').waitFor();
    expect(await visible(page, '.h5-home-link').count()).toBe(0);
    await signOut(await openMe(page));
  });

  it('a regulator’s credit records: each event with its points, the score as a sum, the day picked', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '县住建局 王科长');
    await page.goto(`${j.baseUrl}/#/packages/oversight/pages/credit/index`);
    // 恒信 has seeded events (the journey must not rely on what another journey recorded).
    await visible(page, '.ov-credit-filter-item').filter({ hasText: '恒信物业服务有限公司' }).click();
    await visible(page, '.ov-credit-event').first().waitFor();
    const points = await visible(page, '.ov-credit-event-points').allInnerTexts();
    expect(points.every((p) => /^扣 \d+ 分$/.test(p))).toBe(true);
    await visible(page, '.ov-standing-sum').waitFor();
    await expect(visible(page, '.ov-standing-sum').innerText()).resolves.toMatch(/^计分：100 − .* = \d+分/);
    const days = await visible(page, '.ov-credit-event .muted').allInnerTexts();
    const dates = days.map((d) => d.slice(0, 10));
    expect([...dates].sort().reverse()).toEqual(dates);
    await snapBoth('issue23b-credit', '.ov-credit-page');
  });

  it('threw no JavaScript errors', () => {
    expect(j.errors).toEqual([]);
  });
});

async function openMe(page: import('playwright-core').Page) {
  await page.goto(page.url().replace(/#.*$/, '#/pages/me/index'));
  await visible(page, '.me-content').waitFor();
  return page;
}
