import type { HazardRegister, RectificationView } from '@wuye/contracts';
import { apiAs } from '../support/api';
import { openWorkspace, signInThroughPicker, snap, visible } from '../support/app';
import { openApp, type Journey } from '../support/browser';
import { attachPhoto } from '../support/tickets';

/**
 * 动态监管 and 隐患排查, each person on their own phone: 南门社区's 赵书记 inspects 锦绣花园 and fails the fire lane with a
 * photo; 陈经理 answers the 整改单 with a photo of the cleared lane; 赵书记 verifies it (销号). Then 刘师傅 walks today's
 * patrol: the fire lane is fine, the pump room is wet — that check reports a hazard ticket to 陈经理.
 */

const FINDING = `地下室消防通道堆放纸箱（e2e ${Date.now()}）`;
const REPLY = '纸箱已清运，通道已畅通，已张贴禁止堆放标识';
const LEAK = `水泵房地面积水（e2e ${Date.now()}）`;

describe('an inspection’s failed item put right and verified; a patrol that finds a hazard', () => {
  let office: Journey;
  let manager: Journey;
  let orderId: number;

  beforeAll(async () => {
    office = await openApp();
    manager = await openApp();
  });
  afterAll(async () => {
    await office.close();
    await manager.close();
  });

  it('赵书记 inspects 锦绣花园: the fire lane fails with a photo, the rest pass; the score and the 整改单 follow', async () => {
    const { page, baseUrl } = office;
    await signInThroughPicker(page, baseUrl, '南门社区 赵书记');
    await openWorkspace(page, baseUrl, 'inspections');
    await visible(page, '.insp-new').click();
    await visible(page, '.insp-estate, .insp-items').first().waitFor();
    if (await visible(page, '.insp-estate').count()) await visible(page, '.insp-estate').filter({ hasText: '锦绣花园' }).click();
    const items = visible(page, '.insp-items .insp-item');
    await items.first().waitFor();
    const count = await items.count();
    for (let i = 0; i < count; i++) {
      const item = items.nth(i);
      const fireLane = (await item.locator('.insp-row-title').innerText()).includes('消防通道畅通');
      await item.locator('.insp-result', { hasText: fireLane ? /^不合格$/ : /^合格$/ }).click();
      if (fireLane) {
        await item.locator('.insp-item-note textarea').fill(FINDING);
        await attachPhoto(page, item.locator('.photo-picker-add'));
        await item.locator('.photo-shot-done').waitFor();
      }
    }
    await expect(visible(page, '.insp-score-preview').innerText()).resolves.toMatch(/^\d+(\.\d)? 分$/);
    await snap(page, 'inspection-form');
    await visible(page, '.insp-submit').click();

    // The inspection as recorded: its score, and the failed item with its 整改单.
    await visible(page, '.insp-detail-score').waitFor();
    await expect(visible(page, '.insp-detail-score').innerText()).resolves.toMatch(/^\d+(\.\d)? 分$/);
    const failed = visible(page, '.insp-item-fail');
    await expect(failed.count()).resolves.toBe(1);
    await expect(failed.innerText()).resolves.toContain(FINDING);
    await failed.locator('.insp-item-order').click();
    await visible(page, '.insp-order-page .insp-order-state').waitFor();
    await expect(visible(page, '.insp-order-state').innerText()).resolves.toBe('待整改');
    // The office may not answer its own order: no 回复整改 here, and nothing to verify yet.
    await expect(visible(page, '.insp-step').count()).resolves.toBe(0);
    orderId = Number(new URL(page.url().replace('#', '')).searchParams.get('id'));
    expect(orderId).toBeGreaterThan(0);
  });

  it('陈经理 finds the 整改单 in 检查与整改 and replies with a photo of the cleared lane', async () => {
    const { page, baseUrl } = manager;
    await signInThroughPicker(page, baseUrl, '锦绣花园 陈经理');
    await openWorkspace(page, baseUrl, 'inspections');
    const row = visible(page, '.insp-order').filter({ hasText: '消防通道畅通' }).first();
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('待整改');
    await row.click();
    await visible(page, '.insp-step-reply').click();
    await visible(page, '.insp-panel-submit').click();
    await expect(visible(page, '.insp-panel-error').innerText()).resolves.toBe('请填写整改情况');
    await visible(page, '.insp-panel-text textarea').fill(REPLY);
    await visible(page, '.insp-panel-submit').click();
    await expect(visible(page, '.insp-panel-error').innerText()).resolves.toBe('请上传整改后的照片');
    await attachPhoto(page, visible(page, '.insp-panel-photos .photo-picker-add'));
    await visible(page, '.insp-panel-photos .photo-shot-done').waitFor();
    await visible(page, '.insp-panel-submit').click();
    await visible(page, '.insp-order-state').filter({ hasText: '待销号' }).waitFor();
    await expect(visible(page, '.insp-event-reply .insp-event-note').innerText()).resolves.toBe(REPLY);
    await snap(page, 'rectification-replied');
  });

  it('赵书记 verifies it (销号): the timeline shows 下发, 回复 and 销号', async () => {
    const { page } = office;
    await page.reload();
    await visible(page, '.insp-step-verify').click();
    await visible(page, '.insp-panel-text textarea').fill('复查合格');
    await visible(page, '.insp-panel-submit').click();
    await visible(page, '.insp-order-state').filter({ hasText: '已销号' }).waitFor();
    await expect(visible(page, '.insp-event .insp-row-title').allInnerTexts()).resolves.toEqual([expect.stringContaining('下发整改'), expect.stringContaining('回复整改'), expect.stringContaining('销号')]);
    const order = await (await apiAs(office.baseUrl, 'office.nanmen')).get<RectificationView>(`/api/v1/rectifications/${orderId}`);
    expect(order).toMatchObject({ state: 'verified', note: FINDING });
  });

  it('刘师傅 patrols two points: the fire lane is normal, the pump room is wet — a hazard ticket reaches 陈经理', async () => {
    const staff = await openApp();
    try {
      const { page, baseUrl } = staff;
      await signInThroughPicker(page, baseUrl, '锦绣花园 刘师傅');
      await openWorkspace(page, baseUrl, 'patrols');
      const point = (name: string) => visible(page, '.pt-point').filter({ hasText: name });
      await point('地下消防通道').waitFor();
      await expect(point('地下消防通道').locator('.pt-point-state').innerText()).resolves.toBe('待巡检');

      await point('地下消防通道').click();
      await visible(page, '.pt-result').filter({ hasText: '正常' }).click();
      await visible(page, '.pt-submit').click();
      await point('地下消防通道').locator('.pt-point-state', { hasText: '已巡检 · 正常' }).waitFor();

      await point('水泵房').click();
      await visible(page, '.pt-result').filter({ hasText: '异常' }).click();
      await visible(page, '.pt-submit').click();
      await expect(visible(page, '.pt-error').innerText()).resolves.toBe('请写明发现的问题');
      await visible(page, '.pt-note textarea').fill(LEAK);
      await attachPhoto(page, visible(page, '.pt-photos .photo-picker-album'));
      await visible(page, '.pt-photos .photo-shot-done').waitFor();
      await visible(page, '.pt-submit').click();
      await point('水泵房').locator('.pt-point-state', { hasText: '已巡检 · 异常' }).waitFor();
      await snap(page, 'patrol-today');
    } finally {
      await staff.close();
    }
    // On 陈经理's side: the hazard register holds the new ticket, opened from the pump room.
    const register = await (await apiAs(manager.baseUrl, 'manager.jinxiu')).get<HazardRegister>('/api/v1/communities/1/hazards');
    const hazard = register.items.find((h) => h.summary.includes(LEAK.slice(0, 8)));
    expect(hazard).toMatchObject({ pointName: '水泵房', state: 'submitted', categoryName: '安全隐患' });
  });
});
