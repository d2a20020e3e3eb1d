import type { Page } from 'playwright-core';
import { backToMe, signInThroughPicker, signOut, snap, visible } from '../support/app';
import { openApp, type Journey } from '../support/browser';

/**
 * 业主监督群 on H5: the chair of 锦绣花园's committee copies the link of a published disclosure; another owner,
 * signed out, opens it, signs in, and reads the same totals and the same chain check.
 */
let j: Journey;
beforeAll(async () => {
  j = await openApp();
  // What the page put on the clipboard, however Taro's H5 setClipboardData writes it.
  await j.page.addInitScript(() => {
    const w = window as unknown as { __copied: string[] };
    w.__copied = [];
    const write = navigator.clipboard?.writeText?.bind(navigator.clipboard);
    if (navigator.clipboard) {
      navigator.clipboard.writeText = async (text: string) => {
        w.__copied.push(text);
        await write?.(text).catch(() => undefined);
      };
    }
    const exec = document.execCommand.bind(document);
    document.execCommand = (command: string, ...rest: unknown[]) => {
      if (command === 'copy') w.__copied.push(String((document.activeElement as HTMLTextAreaElement | null)?.value ?? window.getSelection()?.toString() ?? ''));
      return exec(command, ...(rest as [boolean, string]));
    };
  });
});
afterAll(() => j.close());

/**
 * The figures a reader compares: the totals card and the chain verdict. After signing in the app reLaunches to the
 * record, and for a moment the page from before can still show beside the new one (seen once in CI: two titles):
 * wait until one record shows; two that stay are still a failure (strict locators below).
 */
async function whatTheRecordShows(page: Page) {
  for (let i = 0; i < 50 && (await visible(page, '.detail-title').count()) !== 1; i++) await page.waitForTimeout(100);
  const totals = await visible(page, '.detail-totals').innerText();
  const verdict = await visible(page, '.chain-valid .chain-verdict').innerText();
  const title = await visible(page, '.detail-title').innerText();
  return { title, totals, verdict };
}

describe('share card on H5', () => {
  it('the chair copies a published disclosure’s link; a signed-out owner opens it, signs in, and reads the same totals and chain check', async () => {
    const { page, baseUrl } = j;
    await signInThroughPicker(page, baseUrl, '锦绣花园业委会 林主任');
    await visible(page, '.workspace-review').click();
    await visible(page, '.queue-view').filter({ hasText: '已签发' }).click();
    await visible(page, '.summary-card').filter({ hasText: '公共收益' }).first().click();
    await visible(page, '.review-open-board').click();
    await visible(page, '.chain-valid').waitFor();
    const chairSaw = await whatTheRecordShows(page);
    expect(chairSaw.verdict).toContain('未被篡改');

    await visible(page, '.share-button').filter({ hasText: '复制链接' }).click();
    await page.getByText('链接已复制，可粘贴到业主群').waitFor();
    const copied = (await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied)).at(-1) ?? '';
    expect(copied).toMatch(/#\/packages\/disclosures\/pages\/detail\/index\?id=\d+$/);
    await snap(page, 'share-card-copied');
    await backToMe(page);
    await signOut(page);

    // The link, opened by someone signed out: sign in first, then the record.
    await page.goto(copied);
    await visible(page, '.dev-account').filter({ hasText: '张阿姨' }).click();
    await visible(page, '.chain-valid').waitFor();
    expect(await whatTheRecordShows(page)).toEqual(chairSaw);
    await snap(page, 'share-card-opened');
    expect(j.errors).toEqual([]);
  });
});
