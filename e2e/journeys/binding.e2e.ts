import { backToMe, confirmDialog, settle, signInThroughPicker, signOut, snap, visible } from '../support/app';
import type { Page } from 'playwright-core';
import { openApp, type Journey } from '../support/browser';

/**
 * A newcomer asks to be bound to a house; the estate's manager approves it from the review queue; the newcomer
 * then holds the house and the resident role. A second request is rejected with a reason, which the newcomer
 * reads and then clears. Uses 锦绣花园 2栋1单元0101 and 0201, which no other journey touches.
 */
/** From 我的, the binding form filled in for a house of 锦绣花园 2栋1单元 (the estate found by `search` first if given). */
async function chooseHouse(page: Page, number: string, relation: string, search?: string): Promise<void> {
  await visible(page, '.me-bind').click();
  if (search) {
    await visible(page, '.bind-search-input input').fill(search);
    await visible(page, '.bind-search-button').click();
  }
  await visible(page, '.bind-community').filter({ hasText: '锦绣花园' }).click();
  await visible(page, '.bind-building').filter({ hasText: /^2栋$/ }).click();
  await visible(page, '.bind-unit').filter({ hasText: /^1单元$/ }).click();
  await visible(page, '.bind-house').filter({ hasText: new RegExp(`^${number}$`) }).click();
  await visible(page, '.bind-relation').filter({ hasText: relation }).click();
}

/** The manager of 锦绣花园 signed in, at the binding queue of the 物业工作台. */
async function managerAtQueue(page: Page, baseUrl: string): Promise<void> {
  await signInThroughPicker(page, baseUrl, '锦绣花园 陈经理');
  await visible(page, '.workspace-work').click();
  await visible(page, '.work-action-bindings').click();
}

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
    await chooseHouse(page, '0101', '业主', '锦绣');
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
    await chooseHouse(page, '0101', '业主');
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

  it('a second request, for 2栋1单元0201 as 租户, is rejected by the manager with a reason', async () => {
    const { page } = j;
    await chooseHouse(page, '0201', '租户');
    await visible(page, '.bind-submit').click();
    await visible(page, '.house-card').filter({ hasText: '锦绣花园 2栋1单元0201' }).waitFor();
    await settle(page);
    await signOut(page);

    await managerAtQueue(page, j.baseUrl);
    const request = visible(page, '.review-item').filter({ hasText: '锦绣花园 2栋1单元0201' });
    await request.locator('.review-reject-open').click();
    await request.locator('.review-reason textarea').fill('未提供租赁合同，请携带合同到物业中心登记');
    await request.locator('.review-confirm-reject').click();
    await request.waitFor({ state: 'detached' });
    await backToMe(page);
    await signOut(page);
  });

  it('the newcomer reads why on 我的, and clears the rejected request', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '新用户 小周');
    const rejected = visible(page, '.house-card').filter({ hasText: '锦绣花园 2栋1单元0201' });
    await expect(rejected.locator('.house-state').innerText()).resolves.toBe('未通过');
    await expect(rejected.locator('.house-reason').innerText()).resolves.toBe('未通过：未提供租赁合同，请携带合同到物业中心登记');
    await snap(page, 'binding-rejected');
    await rejected.locator('.house-leave').click();
    await confirmDialog(page, '删除记录');
    await rejected.waitFor({ state: 'detached' });
    // The approved house stays.
    await expect(visible(page, '.house-card').filter({ hasText: '锦绣花园 2栋1单元0101' }).locator('.house-state').innerText()).resolves.toBe('已绑定');
  });

  it('threw no JavaScript errors', () => {
    expect(j.errors).toEqual([]);
  });
});
