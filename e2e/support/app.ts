import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';

/**
 * Steps through the H5 app as a person would. Taro keeps earlier pages (and every visited tab) in the DOM,
 * hidden: every locator here is narrowed to what is visible.
 */
export function visible(page: Page, selector: string): Locator {
  return page.locator(
    selector
      .split(',')
      .map((part) => `${part.trim()}:visible`)
      .join(', '),
  );
}

export async function openTab(page: Page, label: '首页' | '消息' | '我的'): Promise<void> {
  await page.locator('.weui-tabbar__label', { hasText: label }).click();
}

/**
 * 我的 → 登录 → the demo-account picker → tap the account; the app comes back to 我的. Whoever is still signed
 * in (a journey step that failed half-way) signs out first.
 */
export async function signInThroughPicker(page: Page, baseUrl: string, displayName: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/me/index`);
  await visible(page, '.me .session-signed-out, .me-content').first().waitFor();
  if (await visible(page, '.me-content').count()) await signOut(page);
  await visible(page, '.me .session-signed-out .notice-action').click();
  // A sign-in page from an earlier step can still be showing while the new one comes in: tap the newest (last).
  await visible(page, '.dev-account').filter({ hasText: displayName }).last().click();
  await visible(page, '.me-content .me-name').filter({ hasText: displayName }).waitFor();
}

/** The phone's back gesture until `selector` shows (pages opened on top of it are left). */
export async function backTo(page: Page, selector: string): Promise<void> {
  for (let step = 0; step < 5 && !(await visible(page, selector).count()); step++) {
    await page.goBack();
    await page.waitForTimeout(400);
  }
  await visible(page, selector).waitFor();
}

export const backToMe = (page: Page) => backTo(page, '.me-content');

/**
 * 我的 → 退出登录: 我的 offers the sign-in again. Other pages still showing (a page opened from a link, mid-slide)
 * offer their own sign-in: 我的's is the one to wait for.
 */
export async function signOut(page: Page): Promise<void> {
  await visible(page, '.me-sign-out').click();
  try {
    await visible(page, '.me .session-signed-out').waitFor();
  } catch (error) {
    // What was on the screen instead, for whoever reads the CI's artifacts.
    await screenshot(page, 'sign-out-failed').catch(() => undefined);
    const shown = await page.evaluate(() => Array.from(document.querySelectorAll('.taro_page')).filter((p) => (p as HTMLElement).offsetParent !== null || getComputedStyle(p).display !== 'none').map((p) => `${p.id} ${p.className}`));
    throw new Error(`${(error as Error).message}\npages shown: ${shown.join(' | ')} at ${page.url()}`);
  }
}

/** Taro's H5 dialog (Taro.showModal): press its confirm button. */
export async function confirmDialog(page: Page, expectedTitle: string): Promise<void> {
  // The dialog's outer element has no box of its own (its parts are fixed-positioned): look at its content.
  const modal = visible(page, '.taro-modal__content');
  await modal.locator('.taro-modal__title', { hasText: expectedTitle }).waitFor();
  await modal.locator('.taro-model__confirm').click();
}

/** Until Taro's page-slide and dialog transitions have finished (they run about 300 ms). */
export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(350);
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'), undefined, { timeout: 2000 });
}

/** A screenshot of the settled page. */
export async function snap(page: Page, name: string): Promise<void> {
  await settle(page);
  await screenshot(page, name);
}

/** 首页 → a workspace entry by its key (workspace-inspections, workspace-meetings…). */
export async function openWorkspace(page: Page, baseUrl: string, key: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/index/index`);
  await visible(page, `.home-workspaces .workspace-${key}`).click();
}
