import * as fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { backToMe, confirmDialog, signInThroughPicker, signOut, snap, visible } from '../support/app';
import { photo } from '../../apps/api/test/support/images';
import { openApp, type Journey } from '../support/browser';
import { horizontalOverflow, setTextScale } from '../support/layout';

/**
 * 业账社审 end to end at 锦绣花园: the manager drafts this quarter's public income with a voucher, a committee
 * member queries a line, the manager answers and revises, the chair signs off, a resident reads it with the
 * "未被篡改" badge and asks a question, the manager answers, the resident reads the answer.
 */


// One page: the API reads vouchers with a PDF parser and refuses a PDF without a page.
const INVOICE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n' +
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

function currentQuarter(): { period: string; label: string } {
  const shanghai = new Date(Date.now() + 8 * 3600_000);
  const year = shanghai.getUTCFullYear();
  const quarter = Math.floor(shanghai.getUTCMonth() / 3) + 1;
  return { period: `${year}-Q${quarter}`, label: `${year}年第${quarter}季度` };
}

const { label: QUARTER } = currentQuarter();
const TITLE = `${QUARTER}公共收益公示（业账社审演示）`;
const QUERY = '广告制作成本没有明细，请附发票并核对金额';
const QUERY_ANSWER = '已核对发票，制作成本应为 600 元，撤回更正';
const QUESTION = '基站租金合同什么时候到期？到期后会涨租金吗？';
const ANSWER = '基站合同 2027 年 6 月到期，续签时按业主大会意见议价，结果会再公示。';

/** 适老化: at the largest text size nothing inside the page sticks out sideways or clips its text. */
async function expectFitsAtLargestText(page: Page, rootSelector: string, shot: string): Promise<void> {
  await setTextScale(page, 1.5);
  try {
    expect(await horizontalOverflow(page, rootSelector)).toEqual([]);
    await snap(page, shot);
  } finally {
    await setTextScale(page, 1);
  }
}

async function openManagerDisclosures(page: Page): Promise<void> {
  await visible(page, '.workspace-work').click();
  await visible(page, '.work-action-disclosures').click();
  await visible(page, '.manage-new').waitFor();
}

/** A committee member opens `title` from the review list. */
async function openForReview(page: Page, member: string, title: string): Promise<void> {
  await signInThroughPicker(page, j.baseUrl, member);
  await visible(page, '.workspace-review').click();
  await visible(page, '.summary-card').filter({ hasText: title }).click();
}

/** 陈经理 starts a new disclosure of `type` titled `title`. */
async function newDraft(page: Page, type: string, title: string): Promise<void> {
  await signInThroughPicker(page, j.baseUrl, '锦绣花园 陈经理');
  await openManagerDisclosures(page);
  await visible(page, '.manage-new').click();
  await visible(page, '.edit-type').filter({ hasText: type }).click();
  await visible(page, '.edit-title-input input').fill(title);
}

async function openOurDisclosureFromBoard(page: Page, type = '公共收益', title = TITLE): Promise<void> {
  await visible(page, '.workspace-disclosures').click();
  await visible(page, '.board-type').filter({ hasText: type }).click();
  await visible(page, '.summary-card').filter({ hasText: title }).click();
  await visible(page, '.detail-title').filter({ hasText: title }).waitFor();
}

async function leave(page: Page): Promise<void> {
  await backToMe(page);
  await signOut(page);
}

let j: Journey;
beforeAll(async () => {
  j = await openApp();
});
afterAll(() => j.close());
// Each step starts from a fresh load of the app, so one failed step does not leave its pages to the next.
beforeEach(async () => {
  await j.page.goto('about:blank');
});

describe('业账社审: a quarter of public income from draft to the board', () => {

  it('the manager drafts it with a voucher, sees the totals live in yuan and submits it', async () => {
    const { page } = j;
    await newDraft(page, '公共收益', TITLE);
    await visible(page, '.edit-period').filter({ hasText: QUARTER }).click();
    await visible(page, '.edit-opening-input input').fill('20000');

    const first = visible(page, '.line-editor').nth(0);
    await first.locator('.line-kind-choice', { hasText: '收入' }).click();
    await first.locator('.line-item-input input').fill('电梯轿厢广告');
    await first.locator('.line-amount-input input').fill('12000.5');
    await expect(first.locator('.line-amount-echo').innerText()).resolves.toBe('即 ¥12,000.50');
    await first.locator('.line-choices-category .line-choice', { hasText: '广告收入' }).click();
    await first.locator('.line-field-counterparty input').fill('清河城市传媒有限公司');

    await visible(page, '.edit-add-line').click();
    const second = visible(page, '.line-editor').nth(1);
    await second.locator('.line-kind-choice', { hasText: '成本' }).click();
    await second.locator('.line-item-input input').fill('广告制作成本');
    await second.locator('.line-amount-input input').fill('800');
    // A photo of the invoice: the server re-encodes it to a metadata-free JPEG.
    await second.locator('.photo-picker-file-input').setInputFiles({ name: 'invoice.png', mimeType: 'image/png', buffer: await photo({ width: 400, height: 300, format: 'png', exif: false }) });
    await second.locator('.voucher-image .voucher-thumb').waitFor();
    // And the invoice as a PDF, kept byte for byte.
    await second.locator('.photo-picker-file-input').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: INVOICE_PDF });
    await expect(second.locator('.voucher-pdf-link').innerText()).resolves.toBe('PDF 凭证 2');

    await visible(page, '.edit-add-line').click();
    const third = visible(page, '.line-editor').nth(2);
    await third.locator('.line-item-input input').fill('通信基站场地租金');
    await third.locator('.line-amount-input input').fill('1500');
    await third.locator('.line-choices-category .line-choice', { hasText: '通信基站租金' }).click();
    await third.locator('.line-field-counterparty input').fill('中国移动清河分公司');

    const totals = visible(page, '.edit-totals');
    await expect(totals.locator('.total-incomeFen .total-value').innerText()).resolves.toBe('¥13,500.50');
    await expect(totals.locator('.total-costFen .total-value').innerText()).resolves.toBe('¥800.00');
    await expect(totals.locator('.total-netFen .total-value').innerText()).resolves.toBe('¥12,700.50');
    await expect(totals.locator('.total-closingBalanceFen .total-value').innerText()).resolves.toBe('¥32,700.50');
    await snap(page, 'disclosure-draft');
    await expectFitsAtLargestText(page, '.edit', 'disclosure-draft-large-text');

    await visible(page, '.edit-submit').click();
    await visible(page, '.edit-in-review').waitFor();
    await expect(visible(page, '.detail-state').innerText()).resolves.toBe('业委会审核中');
    await leave(page);
  });

  it('a committee member approves one line and queries another', async () => {
    const { page } = j;
    await openForReview(page, '锦绣花园业委会 马委员', TITLE);

    const income = visible(page, '.line-card').filter({ hasText: '电梯轿厢广告' });
    await income.locator('.review-approve').click();
    await expect(income.locator('.review-decision').innerText()).resolves.toBe('通过');

    const cost = visible(page, '.line-card').filter({ hasText: '广告制作成本' });
    await cost.locator('.review-query').click();
    await cost.locator('.review-query-form textarea').fill(QUERY);
    await cost.locator('.text-form-submit').click();
    await expect(cost.locator('.review-entry-query .review-comment').innerText()).resolves.toContain(QUERY);
    await expect(cost.locator('.review-unanswered').innerText()).resolves.toBe('物业尚未回复');
    await snap(page, 'disclosure-committee-query');
    await expectFitsAtLargestText(page, '.review-detail', 'disclosure-committee-large-text');
    await leave(page);
  });

  it('the manager answers the query, withdraws, corrects the cost and submits again', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '锦绣花园 陈经理');
    await openManagerDisclosures(page);
    await visible(page, '.manage-state').filter({ hasText: '业委会审核中' }).click();
    await visible(page, '.summary-card').filter({ hasText: TITLE }).click();

    const opinion = visible(page, '.opinion').filter({ hasText: QUERY });
    await expect(opinion.locator('.opinion-line').innerText()).resolves.toContain('广告制作成本');
    await opinion.locator('.opinion-answer textarea').fill(QUERY_ANSWER);
    await opinion.locator('.text-form-submit').click();
    await expect(opinion.locator('.review-answer').innerText()).resolves.toBe(`物业回复：${QUERY_ANSWER}`);

    await visible(page, '.edit-withdraw').click();
    await confirmDialog(page, '撤回修改');
    const cost = visible(page, '.line-editor').nth(1);
    await cost.locator('.line-amount-input input').fill('600');
    await expect(visible(page, '.edit-totals .total-netFen .total-value').innerText()).resolves.toBe('¥12,900.50');
    await visible(page, '.edit-submit').click();
    await visible(page, '.edit-in-review').waitFor();
    await expect(visible(page, '.edit-in-review').innerText()).resolves.toContain('第 2 轮');
    await leave(page);
  });

  it('the chair reads why it cannot be signed off yet: the corrected cost is not approved by a member', async () => {
    const { page } = j;
    await openForReview(page, '锦绣花园业委会 林主任', TITLE);
    await expect(visible(page, '.sign-off-blocked').innerText()).resolves.toContain('还没有其他委员审核通过');
    // Taro's H5 button is a custom element: disabled is its attribute, not a native button's state.
    await expect(visible(page, '.sign-off-button').getAttribute('disabled')).resolves.not.toBeNull();
    await leave(page);
  });

  it('the committee member approves the revised disclosure as a whole', async () => {
    const { page } = j;
    await openForReview(page, '锦绣花园业委会 马委员', TITLE);
    await visible(page, '.review-whole .review-approve').click();
    await expect(visible(page, '.review-whole .review-decision').last().innerText()).resolves.toBe('通过');
    await leave(page);
  });

  it('the chair signs it off and it is published', async () => {
    const { page } = j;
    await openForReview(page, '锦绣花园业委会 林主任', TITLE);
    await expect(visible(page, '.line-card').filter({ hasText: '广告制作成本' }).locator('.line-amount').innerText()).resolves.toBe('¥600.00');
    await visible(page, '.sign-off-button').click();
    await confirmDialog(page, '签发公示');
    await visible(page, '.review-published').waitFor();
    await expect(visible(page, '.detail-state').innerText()).resolves.toBe('已公示');
    await leave(page);
  });

  it('a resident finds it on the board with the "未被篡改" badge and the voucher, and asks a question', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '张阿姨');
    await openOurDisclosureFromBoard(page);

    const badge = visible(page, '.chain-valid');
    await expect(badge.locator('.chain-verdict').innerText()).resolves.toContain('未被篡改');
    // A small badge; the hashes wait behind 如何核验.
    expect(await visible(page, '.chain-entry').count()).toBe(0);
    await badge.locator('.chain-how').click();
    const ours = badge.locator('.chain-entry-focus');
    await expect(ours.innerText()).resolves.toContain(`公共收益 ${QUARTER} 第 1 版`);
    await expect(ours.locator('.chain-hash').innerText()).resolves.toMatch(/^哈希 [0-9a-f]{12}…$/);
    await expect(ours.locator('.chain-prev').innerText()).resolves.toMatch(/^上一份 [0-9a-f]{12}…$/);

    await expect(visible(page, '.detail-totals .total-netFen .total-value').innerText()).resolves.toBe('¥12,900.50');
    // The statement as a spreadsheet (opens in Excel/WPS).
    const [download] = await Promise.all([page.waitForEvent('download'), visible(page, '.detail-export').click()]);
    expect(download.suggestedFilename()).toBe(`${TITLE}.xlsx`);
    expect((await fs.promises.readFile(await download.path())).subarray(0, 2).toString()).toBe('PK');
    const cost = visible(page, '.line-card').filter({ hasText: '广告制作成本' });
    await cost.locator('.voucher-image .voucher-thumb').waitFor();
    // On H5 the PDF voucher is a link to the signed file, which is the PDF as uploaded.
    const pdfUrl = await cost.locator('.voucher-pdf-link').getAttribute('href');
    const pdf = await page.request.get(new URL(pdfUrl as string, j.baseUrl).toString());
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.compare(await pdf.body(), INVOICE_PDF)).toBe(0);

    const line = visible(page, '.line-card').filter({ hasText: '通信基站场地租金' });
    await line.locator('.line-ask-open').click();
    await line.locator('.line-ask textarea').fill(QUESTION);
    await line.locator('.text-form-submit').click();
    const asked = line.locator('.question-entry').filter({ hasText: QUESTION });
    await expect(asked.locator('.question-waiting').innerText()).resolves.toContain('等待物业回复');
    // Other residents see the asker as a building and relation, never by name.
    await expect(asked.locator('.entry-who').innerText()).resolves.toMatch(/^3栋业主 · /);
    await snap(page, 'disclosure-resident');

    await expectFitsAtLargestText(page, '.detail', 'disclosure-resident-large-text');
    await leave(page);
  });

  it('the manager answers the question from the list of questions', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '锦绣花园 陈经理');
    await openManagerDisclosures(page);
    await visible(page, '.manage-tab').filter({ hasText: '待回复质询' }).click();
    const question = visible(page, '.manage-question').filter({ hasText: QUESTION });
    await expect(question.locator('.manage-question-title').innerText()).resolves.toContain(TITLE);
    await question.locator('.question-answer-form textarea').fill(ANSWER);
    await question.locator('.text-form-submit').click();
    await question.waitFor({ state: 'detached' });
    await leave(page);
  });

  it('the resident reads the answer under the line', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '张阿姨');
    await openOurDisclosureFromBoard(page);
    const line = visible(page, '.line-card').filter({ hasText: '通信基站场地租金' });
    await expect(line.locator('.question-answer').innerText()).resolves.toBe(`物业回复：${ANSWER}`);
    await snap(page, 'disclosure-answered');
    await leave(page);
  });

});

/**
 * 公摊 by agreed shares: the manager gives 3栋1单元1201 three shares and 1202 one for this month's pump electricity,
 * the chair sees the shares house by house and signs off, 张阿姨 (1201) sees her own ¥900 and nobody else's.
 */
describe('公摊: a shared cost by agreed shares, from draft to the owner’s own share', () => {
  const SHARED_TITLE = '二次供水水泵电费（约定份额）';
  const rows = (card: Locator) => card.locator('.kv-row:not(.allocation-agreed-row)').allInnerTexts();
  it('the manager types each house’s share in 3栋 and submits it', async () => {
    const { page } = j;
    await newDraft(page, '公摊费用', SHARED_TITLE);
    const meter = visible(page, '.line-editor').nth(0);
    await meter.locator('.line-item-input input').fill('二次供水水泵用电');
    await meter.locator('.line-amount-input input').fill('1200');
    await meter.locator('.line-choices-meterKind .line-choice', { hasText: '电' }).click();
    await meter.locator('.line-field-quantity input').fill('1846');
    await meter.locator('.line-choices-unit .line-choice', { hasText: 'kWh' }).click();

    await visible(page, '.edit-method').filter({ hasText: '按约定份额分摊' }).click();
    await visible(page, '.shares-building-name').filter({ hasText: '3栋' }).click();
    const house = (label: string) => visible(page, '.shares-house').filter({ hasText: label });
    await house('3栋1单元1201').locator('input').fill('3');
    await house('3栋1单元1202').locator('input').fill('1');
    await expect(visible(page, '.shares-building').filter({ hasText: '3栋' }).locator('.shares-building-count').innerText()).resolves.toBe('已填 2 / 72 户');
    await expect(visible(page, '.allocation-agreed-total').innerText()).resolves.toBe('已填 2 户，共 4 份，每份约 ¥300.00');
    await snap(page, 'shared-cost-shares');
    await expectFitsAtLargestText(page, '.edit', 'shared-cost-shares-large-text');

    await visible(page, '.edit-submit').click();
    await visible(page, '.edit-in-review').waitFor();
    await expect(rows(visible(page, '.edit-allocation'))).resolves.toEqual(['分摊方式\n按约定份额分摊', '分摊范围\n有约定份额的房屋', '参与分摊\n2 户', '约定份额合计\n4 份', '每份\n约 ¥300.00']);
    await leave(page);
  });

  it('the chair checks the shares house by house and signs it off once a member approved it', async () => {
    const { page } = j;
    await openForReview(page, '锦绣花园业委会 马委员', SHARED_TITLE);
    await visible(page, '.review-whole .review-approve').click();
    await expect(visible(page, '.review-whole .review-decision').last().innerText()).resolves.toBe('通过');
    await leave(page);
    await openForReview(page, '锦绣花园业委会 林主任', SHARED_TITLE);
    await visible(page, '.review-allocation .allocation-agreed-row').first().waitFor();
    await expect(visible(page, '.review-allocation .allocation-agreed-row').allInnerTexts()).resolves.toEqual(['3栋1单元1201\n3 份', '3栋1单元1202\n1 份']);
    await visible(page, '.sign-off-button').click();
    await confirmDialog(page, '签发公示');
    await visible(page, '.review-published').waitFor();
    await leave(page);
  });

  it('张阿姨 sees her own share and how the whole was shared, but no other house', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '张阿姨');
    await openOurDisclosureFromBoard(page, '公摊费用', SHARED_TITLE);
    const mine = visible(page, '.detail-my-share');
    await mine.waitFor();
    await expect(mine.locator('.my-share-amount').innerText()).resolves.toBe('¥900.00');
    await expect(mine.innerText()).resolves.toContain('约定份额 3');
    await expect(rows(visible(page, '.detail-allocation'))).resolves.toContain('参与分摊\n2 户');
    await expect(visible(page, '.detail-allocation .allocation-agreed').count()).resolves.toBe(0);
    await expect(visible(page, '.detail').innerText()).resolves.not.toContain('1202');
    await snap(page, 'shared-cost-resident');
    await leave(page);
  });

});

it('threw no JavaScript errors', () => {
  expect(j.errors).toEqual([]);
});
