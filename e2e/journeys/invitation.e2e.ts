import { backToMe, signInThroughPicker, signOut, snap, visible } from '../support/app';
import { openApp, type Journey } from '../support/browser';

/**
 * A company admin invites a repairman for 锦绣花园 from the workbench; the chair of its committee is told she cannot
 * take it (职责分离); a resident redeems the code and then holds two roles, switching between them on 我的. Uses
 * 阳光新城 老李 (resident.yangguang), whom no other journey uses; the chair only looks.
 */
describe('inviting staff with a code, and switching roles', () => {
  let j: Journey;
  let code = '';
  beforeAll(async () => {
    j = await openApp();
  });
  afterAll(() => j.close());

  it('the company admin creates an invitation for 锦绣花园 and sees the code large', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '万家物业 周总');
    await expect(visible(page, '.me-roles').innerText()).resolves.toContain('物业企业管理员 · 清河万家物业服务有限公司');
    await visible(page, '.workspace-work').click();
    await visible(page, '.work-action-invite').click();
    await visible(page, '.staff-invite-estate').filter({ hasText: '锦绣花园' }).click();
    await visible(page, '.staff-invite-role').filter({ hasText: '物业员工' }).click();
    await visible(page, '.staff-invite-title').filter({ hasText: '维修工' }).click();
    await visible(page, '.staff-invite-submit').click();

    const shown = visible(page, '.staff-invite-code');
    await shown.waitFor();
    code = (await shown.innerText()).trim();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    // Large enough to read out over the phone.
    expect(await shown.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(32);
    await expect(visible(page, '.staff-invite-result').innerText()).resolves.toContain('物业员工（维修工） · 锦绣花园');
    await snap(page, 'invitation-code');
    await visible(page, '.staff-invite-copy').click();

    await backToMe(page);
    await signOut(page);
  });

  it('the chair of 锦绣花园’s committee reads, before accepting, why she cannot also work for its property company', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '锦绣花园业委会 林主任');
    await visible(page, '.me-invite').click();
    await visible(page, '.invite-code-input input').fill(code);
    await visible(page, '.invite-check').click();
    await expect(visible(page, '.invite-preview-role').innerText()).resolves.toBe('物业员工（维修工） · 锦绣花园');
    await expect(visible(page, '.invite-blocked').innerText()).resolves.toBe('您是锦绣花园的业委会主任，同一小区里物业方和业委会的职务不能由同一人担任');
    await expect(visible(page, '.invite-accept').getAttribute('disabled')).resolves.not.toBeNull();
    await snap(page, 'invitation-duties-conflict');
    await backToMe(page);
    await signOut(page);
  });

  it('a resident redeems the code and receives the role', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '阳光新城 老李');
    await visible(page, '.me-invite').click();
    await visible(page, '.invite-code-input input').fill(code.toLowerCase());
    await visible(page, '.invite-check').click();
    await expect(visible(page, '.invite-preview-role').innerText()).resolves.toBe('物业员工（维修工） · 锦绣花园');
    await visible(page, '.invite-accept').click();
    await expect(visible(page, '.invite-result-role').innerText()).resolves.toBe('物业员工（维修工） · 锦绣花园');
    await snap(page, 'invitation-accepted');
    await visible(page, '.invite-done').click();
  });

  it('the same code a second time says it is used before anything is pressed', async () => {
    const { page } = j;
    await visible(page, '.me-invite').click();
    await visible(page, '.invite-code-input input').fill(code);
    await visible(page, '.invite-check').click();
    await expect(visible(page, '.invite-blocked').innerText()).resolves.toBe('该邀请码已被使用');
    await expect(visible(page, '.invite-accept').getAttribute('disabled')).resolves.not.toBeNull();
    await backToMe(page);
  });

  it('我的 shows both roles; switching puts the matching workspace first and is remembered', async () => {
    const { page } = j;
    await page.reload();
    const roles = visible(page, '.me-roles');
    await roles.waitFor();
    await expect(roles.innerText()).resolves.toMatch(/物业员工（维修工） · 锦绣花园[\s\S]*居民 · 阳光新城|居民 · 阳光新城[\s\S]*物业员工（维修工） · 锦绣花园/);
    // Without a choice, the work role is current and 物业工作台 comes first.
    await expect(visible(page, '.role-current').innerText()).resolves.toContain('物业员工（维修工） · 锦绣花园');
    await expect(visible(page, '.me-workspaces .workspace-entry').first().innerText()).resolves.toContain('物业工作台');

    await visible(page, '.role-row').filter({ hasText: '居民 · 阳光新城' }).click();
    await expect(visible(page, '.role-current').innerText()).resolves.toContain('居民 · 阳光新城');
    await expect(visible(page, '.me-workspaces .workspace-entry').first().innerText()).resolves.toContain('报事报修');
    await snap(page, 'role-switched');

    await page.reload();
    await expect(visible(page, '.role-current').innerText()).resolves.toContain('居民 · 阳光新城');
    await expect(visible(page, '.me-workspaces .workspace-entry').first().innerText()).resolves.toContain('报事报修');
  });

  it('threw no JavaScript errors', () => {
    expect(j.errors).toEqual([]);
  });
});
