import { signInThroughPicker, snap, visible } from '../support/app';
import { openApp, type Journey } from '../support/browser';

/**
 * 满意度测评 on two phones: 张阿姨 finds this year's county campaign waiting on her home page, answers it for her house
 * (a 1–5 row per section) and sees 已提交; 县住建局 王科长 then reads the results per estate: 锦绣花园 with its
 * averages, 翠湖名苑 with too few answers (样本不足) and no average.
 */
describe('a satisfaction survey answered from the home page, its results shown only above the minimum', () => {
  let resident: Journey;
  let regulator: Journey;

  beforeAll(async () => {
    resident = await openApp();
    regulator = await openApp();
  });
  afterAll(async () => {
    await resident.close();
    await regulator.close();
  });

  it('张阿姨 answers the campaign her house has not answered yet, sees 已提交 and reads her answer back', async () => {
    const { page, baseUrl } = resident;
    await signInThroughPicker(page, baseUrl, '张阿姨');
    await page.goto(`${baseUrl}/#/pages/index/index`);
    await visible(page, '.home-surveys .home-survey').first().click();
    await visible(page, '.sv-item-s1').waitFor();
    for (const code of ['s1', 's2', 's3', 's4', 's5', 's6']) await visible(page, `.sv-item-${code} .sv-point-4`).click();
    await snap(page, 'survey-answer');
    await visible(page, '.sv-submit').click();
    await visible(page, '.sv-submitted').filter({ hasText: '已提交' }).waitFor();
    expect(await visible(page, '.sv-submit').count()).toBe(0);
    // Her own answer reads back: six items, each 4 分 · 满意.
    await visible(page, '.sv-mine').first().waitFor();
    const mine = await visible(page, '.sv-mine').allInnerTexts();
    expect(mine).toHaveLength(6);
    for (const line of mine) expect(line).toMatch(/：4 分 · 满意$/);
    expect(resident.errors).toEqual([]);
  });

  it('王科长 sees 锦绣花园’s averages and 翠湖名苑 below the minimum, with no average', async () => {
    const { page, baseUrl } = regulator;
    await signInThroughPicker(page, baseUrl, '县住建局 王科长');
    await page.goto(`${baseUrl}/#/packages/surveys/pages/index/index`);
    await visible(page, '.sv-row').first().click();
    const jinxiu = visible(page, '.sv-result').filter({ hasText: '锦绣花园' });
    await jinxiu.filter({ hasText: '12 户作答' }).waitFor();
    expect(await jinxiu.locator('.sv-result-section').count()).toBe(6);
    const cuihu = visible(page, '.sv-result').filter({ hasText: '翠湖名苑' });
    expect(await cuihu.innerText()).toContain('样本不足');
    expect(await cuihu.locator('.sv-average').count()).toBe(0);
    await snap(page, 'survey-results');
    expect(regulator.errors).toEqual([]);
  });
});
