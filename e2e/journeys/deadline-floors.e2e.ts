import { backToMe, signInThroughPicker, signOut, snap, visible } from '../support/app';
import { openApp, type Journey } from '../support/browser';

/**
 * 锦绣花园's project manager opens 分类与时限: 清河县's standard stands beside the categories it binds, and a looser
 * deadline is refused on the page before anything is sent. Nothing is saved (other journeys file tickets there).
 */
describe('category deadlines within the county’s floors', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await openApp();
  });
  afterAll(() => j.close());

  it('the manager sees the county standard and cannot save a looser elevator deadline', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '锦绣花园 陈经理');
    await visible(page, '.workspace-work').click();
    await visible(page, '.work-action-categories').click();

    const elevator = visible(page, '.category-elevator');
    await expect(elevator.locator('.category-floor').innerText()).resolves.toBe('清河县标准：响应不超过30分钟，办结不超过1天，须为紧急分类且保持启用。可以更严，不能更宽。');
    // Taro's H5 button is a custom element: disabled is its attribute, not a native button's state.
    const save = visible(page, '.categories-save');
    await expect(save.getAttribute('disabled')).resolves.not.toBeNull();

    await elevator.locator('.category-response input').fill('60');
    await expect(elevator.locator('.category-problem').innerText()).resolves.toBe('“电梯”的响应时限不能超过县里规定的30分钟');
    await expect(visible(page, '.categories-blocked').innerText()).resolves.toBe('有 1 处时限不符合要求，改好后才能保存。');
    await expect(save.getAttribute('disabled')).resolves.not.toBeNull();
    await snap(page, 'categories-floor-refused');

    await elevator.locator('.category-response input').fill('20');
    expect(await elevator.locator('.category-problem').count()).toBe(0);
    await expect(save.getAttribute('disabled')).resolves.toBeNull();
    await backToMe(page);
    await signOut(page);
  });

  it('threw no JavaScript errors', () => {
    expect(j.errors).toEqual([]);
  });
});
