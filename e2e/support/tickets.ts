import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { photo } from '../../apps/api/test/support/images';
import { visible } from './app';

/** A small real JPEG: the API sniffs, re-encodes and thumbnails it like a phone photo. */
export const PHOTO = path.resolve(__dirname, '../fixtures/problem.jpg');

/** Taro's H5 chooseImage opens a hidden file input: the browser's file chooser stands in for the album. */
export async function attachPhoto(page: Page, button: Locator): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles(PHOTO);
}

export interface ReportInput {
  category: string;
  description: string;
  place: string;
  photo?: string;
}

/** On the 随手拍 form: category, description, place and (through H5's file picker) a photo. */
export async function fillReport(page: Page, report: ReportInput): Promise<void> {
  await visible(page, '.report-category').filter({ hasText: new RegExp(`^${report.category}`) }).click();
  await visible(page, '.report-description-input textarea').fill(report.description);
  await visible(page, '.report-place-input input').fill(report.place);
  if (report.photo) {
    // Taro's H5 chooseImage opens a hidden <input type="file">: the browser's file chooser stands in for the album.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible(page, '.photo-picker-album').click()]);
    await chooser.setFiles(report.photo);
    await visible(page, '.photo-shot').first().waitFor();
  }
}

/** 提交; when the app offers similar open tickets, this is a different problem: 继续提交. */
export async function submitReport(page: Page): Promise<void> {
  await visible(page, '.report-submit').click();
  const outcome = visible(page, '.report-similar, .detail-head, .taro-modal__content, .report-error');
  await outcome.first().waitFor();
  if (await visible(page, '.report-similar').count()) await visible(page, '.report-submit').click();
}

/** The phone's back gesture until the tab bar shows (a tab page is on top again). */
export async function backToTabs(page: Page): Promise<void> {
  for (let step = 0; step < 6 && !(await page.locator('.weui-tabbar__label:visible').count()); step++) {
    await page.goBack();
    await page.waitForTimeout(400);
  }
  await page.locator('.weui-tabbar__label:visible').first().waitFor();
}

/**
 * In a ticket's 反馈结果 form: one photo through the app's photo picker (H5's file chooser stands in for the album;
 * on a phone Taro first asks 拍摄 or 从相册选择), uploaded before the form may be sent.
 */
export async function attachPanelPhoto(page: Page, name = 'repaired.jpg'): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await visible(page, '.photo-picker-add').click();
  const sheet = page.locator('.taro-actionsheet__cell', { hasText: '从相册选择' });
  const first = await Promise.race([chooser.then(() => 'chooser'), sheet.waitFor().then(() => 'sheet')]);
  if (first === 'sheet') await sheet.click();
  await (await chooser).setFiles({ name, mimeType: 'image/jpeg', buffer: await photo({ width: 1000, height: 750 }) });
  await visible(page, '.photo-shot-done').waitFor();
}
