import { backToMe, confirmDialog, signInThroughPicker, signOut, snap, visible } from '../support/app';
import { openApp, type Journey } from '../support/browser';

/**
 * A newcomer asks to be bound to a house; the estate's manager approves it from the review queue; the newcomer
 * then holds the house and the resident role. Uses 锦绣花园 2栋1单元0101, which no other journey touches.
 */
describe('binding a house, reviewed by the estate manager', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await openApp();
  });
  afterAll(() => j.close());

  it('a newcomer signs in through the demo-account picker and has no house yet', async () => {
    await signInThroughPicker(j.page, j.baseUrl, '新用户 小周');
    await expect(visible(j.page, '.me-no-house').innerText()).resolves.toContain('还没有绑定房屋');
    expect(await visible(j.page, '.me-roles').count()).toBe(0);
  });

  it('requests 锦绣花园 2栋1单元0101 as 业主 and finds it 待审核 on 我的', async () => {
    const { page } = j;
    await visible(page, '.me-bind').click();
    await visible(page, '.bind-search-input input').fill('锦绣');
    await visible(page, '.bind-search-button').click();
    await visible(page, '.bind-community').filter({ hasText: '锦绣花园' }).click();
    await visible(page, '.bind-building').filter({ hasText: /^2栋$/ }).click();
    await visible(page, '.bind-unit').filter({ hasText: /^1单元$/ }).click();
    await visible(page, '.bind-house').filter({ hasText: /^0101$/ }).click();
    await visible(page, '.bind-relation').filter({ hasText: '业主' }).click();
    await visible(page, '.bind-note-input textarea').fill('产权证上的姓名：周晓');
    await expect(visible(page, '.bind-summary').innerText()).resolves.toContain('锦绣花园 2栋1单元0101，身份 业主');
    await snap(page, 'binding-form');
    await visible(page, '.bind-submit').click();

    const house = visible(page, '.house-card').filter({ hasText: '锦绣花园 2栋1单元0101' });
    await house.waitFor();
    await expect(house.locator('.house-state').innerText()).resolves.toBe('待审核');
    await snap(page, 'binding-pending');
  });

  it('asking for the same house again is refused with the API message', async () => {
    const { page } = j;
    await visible(page, '.me-bind').click();
    await visible(page, '.bind-community').filter({ hasText: '锦绣花园' }).click();
    await visible(page, '.bind-building').filter({ hasText: /^2栋$/ }).click();
    await visible(page, '.bind-unit').filter({ hasText: /^1单元$/ }).click();
    await visible(page, '.bind-house').filter({ hasText: /^0101$/ }).click();
    await visible(page, '.bind-relation').filter({ hasText: '业主' }).click();
    await visible(page, '.bind-submit').click();
    await expect(visible(page, '.bind-error').innerText()).resolves.toBe('您已申请或已绑定这套房屋');
    await backToMe(page);
    await signOut(page);
  });

  it('the manager of 锦绣花园 approves it from the binding queue', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '锦绣花园 陈经理');
    await expect(visible(page, '.me-roles').innerText()).resolves.toContain('项目经理 · 锦绣花园');
    // The current role's workspace comes first.
    await expect(visible(page, '.me-workspaces .workspace-entry').first().innerText()).resolves.toContain('物业工作台');
    await visible(page, '.workspace-work').click();
    await visible(page, '.work-action-bindings').click();

    const request = visible(page, '.review-item').filter({ hasText: '锦绣花园 2栋1单元0101' });
    await request.waitFor();
    await expect(request.innerText()).resolves.toMatch(/新用户 小周[\s\S]*业主[\s\S]*产权证上的姓名：周晓/);
    await snap(page, 'binding-queue');
    await request.locator('.review-approve').click();
    await confirmDialog(page, '通过申请');
    await request.waitFor({ state: 'detached' });

    await backToMe(page);
    await signOut(page);
  });

  it('the newcomer now holds the house (已绑定) and the role 居民 · 锦绣花园', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '新用户 小周');
    const house = visible(page, '.house-card').filter({ hasText: '锦绣花园 2栋1单元0101' });
    await expect(house.locator('.house-state').innerText()).resolves.toBe('已绑定');
    await expect(visible(page, '.me-roles').innerText()).resolves.toContain('居民 · 锦绣花园');
    await snap(page, 'binding-approved');
  });

  it('threw no JavaScript errors', () => {
    expect(j.errors).toEqual([]);
  });
});
