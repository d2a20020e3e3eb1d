import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { backToMe, confirmDialog, settle, signInThroughPicker, signOut, snap, visible } from '../support/app';
import { openApp, screenshot, type Journey } from '../support/browser';
import { horizontalOverflow, setTextScale } from '../support/layout';

/** 我的 → 监管 (the oversight workspace): the overview of the user's own area. */
async function openOversight(page: Page): Promise<void> {
  await visible(page, '.workspace-oversight').click();
  await visible(page, '.ov-content').waitFor();
}

const shanghaiYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

/** Where a chart's bar is drawn: its solid span along the middle of its row, in CSS px of the canvas. */
interface DrawnBar {
  y: number;
  from: number;
  to: number;
}

/**
 * Finds the bar of `label` in an ECharts chart (the card `chartSelector`) by reading the canvas' pixels: rows are
 * evenly spaced in the plot (8 px padding top and bottom, first bar on top, in the order of the text list under
 * the chart). A bar is a solid block of `colour` at least 8 px wide and 10 px high around the row's middle (text in
 * the same colour, such as a clickable name, is not). Null until it is drawn (bars grow in for 300 ms).
 */
async function drawnBar(page: Page, chartSelector: string, label: string, colour: [number, number, number]): Promise<DrawnBar | null> {
  const labels = await visible(page, `${chartSelector} .ov-bar-label`).allInnerTexts();
  const row = labels.indexOf(label);
  expect(row).toBeGreaterThanOrEqual(0);
  const canvas = visible(page, `${chartSelector} .ov-chart-plot canvas`);
  return canvas.evaluate(
    (el, { row, rows, colour }) => {
      const c = el as HTMLCanvasElement;
      const ctx = c.getContext('2d');
      if (!ctx || !c.clientWidth) return null;
      const ratio = c.width / c.clientWidth;
      const y = 8 + ((c.clientHeight - 16) / rows) * (row + 0.5);
      const lines = [-5, 0, 5].map((dy) => ctx.getImageData(0, Math.round((y + dy) * ratio), c.width, 1).data);
      const matches = (data: Uint8ClampedArray, x: number) => [0, 1, 2].every((k) => Math.abs(data[x * 4 + k] - colour[k]) < 12);
      let best = { from: 0, length: 0 };
      let start = -1;
      for (let x = 0; x <= c.width; x++) {
        const solid = x < c.width && lines.every((data) => matches(data, x));
        if (solid && start < 0) start = x;
        if (!solid && start >= 0) {
          if (x - start > best.length) best = { from: start, length: x - start };
          start = -1;
        }
      }
      return best.length / ratio >= 8 ? { y, from: best.from / ratio, to: (best.from + best.length - 1) / ratio } : null;
    },
    { row, rows: labels.length, colour },
  );
}

/** The warning red of overdue bars (ALERT_COLOUR in miniapp/src/packages/oversight/lib/chartOption.ts). */
const ALERT_RED: [number, number, number] = [0xc0, 0x39, 0x2b];

/** The title of the overview on top (Taro keeps the earlier drill-down levels in the DOM, hidden). */
const areaTitle = (page: Page) => visible(page, '.ov-area-name').innerText();

/**
 * Oversight in the demo county (清河县): the county regulator drills down from the county to one overdue ticket;
 * the office of 南门社区 handles an escalation from its 督办 queue; a desktop browser gets the overview in two
 * columns. The demo seeds overdue tickets escalated to their office (阳光新城 has several).
 */
describe('oversight: statistics drill-down and the 督办 queue', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await openApp();
  });
  afterAll(() => j.close());

  it('the county regulator drills down county → town → office → estate → one overdue ticket', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '县住建局 王科长');
    await openOversight(page);
    await expect(areaTitle(page)).resolves.toContain('清河县');
    await expect(visible(page, '.ov-freshness').innerText()).resolves.toMatch(/^数据更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const towns = await visible(page, '.ov-child-name').allInnerTexts();
    expect(towns).toEqual(expect.arrayContaining(['城关镇', '东湖镇', '西山乡']));
    await snap(page, 'oversight-county');
    // 导出 Excel: fetched with the token, handed to the browser as a download.
    const [download] = await Promise.all([page.waitForEvent('download'), visible(page, '.ov-export-stats').click()]);
    expect(download.suggestedFilename()).toMatch(/^清河县统计_\d{4}-01-01_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = await fs.promises.readFile(await download.path());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    // The overdue chart is a real ECharts canvas; its red bar for 城关镇 drills down like the row under it.
    const plot = visible(page, '.ov-chart-children .ov-chart-plot');
    await expect(plot.getAttribute('_echarts_instance_')).resolves.toBeTruthy();
    // Screen readers hear what the picture is; the figures are the text list under it.
    await expect(plot.getAttribute('aria-label')).resolves.toBe('各乡镇（街道）逾期未办工单（柱状图，数字见下方列表）');
    await expect(visible(page, '.ov-chart-children .ov-bar').allInnerTexts()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/^城关镇\s+\d+ \/ 共 \d+$/)]));
    const canvasBox = await plot.locator('canvas').boundingBox();
    const plotBox = await plot.boundingBox();
    expect(canvasBox?.width).toBeGreaterThan(200);
    expect(Math.abs((canvasBox?.width ?? 0) - (plotBox?.width ?? 0))).toBeLessThan(2);
    let bar: DrawnBar | null = null;
    for (let attempt = 0; attempt < 20 && !bar; attempt++) {
      await page.waitForTimeout(150);
      bar = await drawnBar(page, '.ov-chart-children', '城关镇', ALERT_RED);
    }
    expect(bar).not.toBeNull();
    const { y, from, to } = bar as DrawnBar;
    expect(to - from).toBeGreaterThan(4);
    await snap(page, 'oversight-county-chart');
    const at = { x: (canvasBox?.x ?? 0) + (from + to) / 2, y: (canvasBox?.y ?? 0) + y };
    await page.mouse.move(at.x, at.y);
    // ECharts shows the hand over something clickable: the bar is under the pointer.
    await expect(plot.evaluate((el) => (el.firstElementChild as HTMLElement | null)?.style.cursor ?? (el as HTMLElement).style.cursor)).resolves.toBe('pointer');
    await page.mouse.click(at.x, at.y);
    await visible(page, '.ov-area-name').filter({ hasText: '城关镇' }).waitFor();
    await visible(page, '.ov-child').filter({ hasText: '南门社区' }).click();
    await visible(page, '.ov-area-name').filter({ hasText: '南门社区' }).waitFor();
    // An office has no level below it: its estates only.
    expect(await visible(page, '.ov-child').count()).toBe(0);
    await expect(visible(page, '.ov-community-name').allInnerTexts()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('阳光新城'), expect.stringContaining('锦绣花园')]));

    await visible(page, '.ov-community').filter({ hasText: '阳光新城' }).click();
    await visible(page, '.ov-community-title').filter({ hasText: '阳光新城' }).waitFor();
    const overdue = visible(page, '.ov-ticket').first();
    await overdue.waitFor();
    await expect(overdue.locator('.ticket-overdue').innerText()).resolves.toBe('逾期');
    const heading = (await overdue.locator('.ticket-id').innerText()).match(/#(\d+)/)?.[1];
    await snap(page, 'oversight-estate-tickets');
    await overdue.click();

    const title = visible(page, '.ov-ticket-title');
    await title.waitFor();
    await expect(title.innerText()).resolves.toContain(`#${heading}`);
    await expect(visible(page, '.ov-ticket-page .ticket-overdue').innerText()).resolves.toBe('逾期');
    await expect(visible(page, '.ov-resolution-due').innerText()).resolves.toMatch(/^办结期限：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await expect(visible(page, '.ov-timeline').innerText()).resolves.toContain('转社区督办');
    // A regulator reads the 督办 and is told which office acts on it; no form the API would refuse.
    await expect(visible(page, '.ov-escalation-who').innerText()).resolves.toMatch(/^由.+督办：/);
    expect(await visible(page, '.ov-escalation-form').count()).toBe(0);
    await snap(page, 'oversight-ticket-regulator');
    await backToMe(page);
    await signOut(page);
  });

  it('the county regulator changes 和谐家园’s rating to 不定星: a change needs its reason first, and becomes version 2', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '县住建局 王科长');
    await openOversight(page);
    await visible(page, '.ov-community').filter({ hasText: '和谐家园' }).click();
    await visible(page, '.ov-open-rating').click();
    const form = visible(page, '.ov-rating-form');
    await form.waitFor();
    await expect(visible(page, '.ov-indicators .card-title').innerText()).resolves.toBe(`${shanghaiYear() - 1}年度 系统指标`);
    // Last year's rating exists (the demo's version 1): a change says what it needs before the button works.
    await expect(form.locator('.ov-rating-current').innerText()).resolves.toContain('（第1版，清河县 县住建局 王科长');
    await expect(form.locator('.ov-rating-blocked').innerText()).resolves.toBe('修改已有的评定须填写修改原因');
    await expect(form.locator('.ov-rating-submit').getAttribute('disabled')).resolves.not.toBeNull();
    await form.locator('.ov-rating-change-reason textarea').fill('复核：合同年内到期，改为不定星');
    await form.locator('.ov-star-choice', { hasText: '不定星' }).click();
    await form.locator('.ov-rating-submit').click();
    await expect(form.locator('.ov-rating-error').innerText()).resolves.toBe('不定星须填写原因');

    await form.locator('.ov-rating-reason textarea').fill('物业服务合同年内到期，待业主大会选聘后再评');
    await form.locator('.ov-rating-submit').click();
    const history = visible(page, '.ov-rating-history');
    await history.locator('.ov-history-item', { hasText: '物业服务合同年内到期，待业主大会选聘后再评' }).waitFor();
    await expect(history.locator('.ov-history-item').first().innerText()).resolves.toMatch(/第2版[\s\S]*不定星[\s\S]*修改原因：复核：合同年内到期，改为不定星/);
    await expect(form.locator('.ov-rating-current').innerText()).resolves.toContain('当前：不定星（第2版，清河县 县住建局 王科长');
    await snap(page, 'oversight-rating');
    await backToMe(page);
    await signOut(page);
  });

  it('the county regulator records a credit event against 万家物业 naming 锦绣花园’s manager; the standing counts it', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '县住建局 王科长');
    await openOversight(page);
    await visible(page, '.ov-company').filter({ hasText: '清河万家物业服务有限公司' }).click();
    const standing = visible(page, '.ov-standing');
    await standing.waitFor();
    const before = Number((await standing.locator('.ov-standing-score').innerText()).replace('分', ''));

    const form = visible(page, '.ov-credit-form');
    await form.locator('.ov-credit-kind', { hasText: '约谈' }).click();
    await form.locator('.ov-credit-community', { hasText: '锦绣花园' }).click();
    await form.locator('.ov-credit-manager', { hasText: '锦绣花园 陈经理' }).click();
    await form.locator('.ov-credit-reason textarea').fill('锦绣花园电梯故障反复，约谈项目经理');
    await form.locator('.ov-credit-submit').click();

    const event = visible(page, '.ov-credit-event').filter({ hasText: '锦绣花园电梯故障反复，约谈项目经理' });
    await event.waitFor();
    await expect(event.innerText()).resolves.toMatch(/约谈[\s\S]*清河县 · 锦绣花园 · 项目经理 锦绣花园 陈经理/);
    await standing.locator('.ov-standing-score', { hasText: `${before - 2}分` }).waitFor();
    await snap(page, 'oversight-credit');
    await backToMe(page);
    await signOut(page);
  });

  it('the office of 南门社区 comments on an escalation, then closes it; the ticket’s timeline shows both', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '南门社区 赵书记');
    await openOversight(page);
    await expect(areaTitle(page)).resolves.toContain('南门社区');
    await visible(page, '.ov-open-escalations').click();

    const item = visible(page, '.ov-queue-item').first();
    await item.waitFor();
    const ticketId = (await item.locator('.ov-row-title').innerText()).match(/#(\d+)/)?.[1];
    expect(ticketId).toBeTruthy();
    await snap(page, 'oversight-queue');
    await item.click();

    const panel = visible(page, '.ov-escalation');
    await panel.waitFor();
    await expect(panel.locator('.ov-escalation-state').innerText()).resolves.toBe('督办中');
    // Nothing typed: the page says what is missing, nothing is sent.
    await panel.locator('.ov-escalation-send').click();
    await expect(panel.locator('.ov-escalation-error').innerText()).resolves.toBe('请填写督办意见或选择新的期限');

    await panel.locator('.ov-escalation-note textarea').fill('请物业三日内修复并反馈，社区将回访');
    await panel.locator('.ov-escalation-send').click();
    const timeline = visible(page, '.ov-timeline');
    await timeline.locator('.timeline-event', { hasText: '请物业三日内修复并反馈，社区将回访' }).waitFor();
    await expect(timeline.locator('.timeline-event').last().locator('.timeline-action').innerText()).resolves.toBe('督办意见');

    // The chosen day and an opinion go in one send: both are kept.
    await panel.locator('.ov-deadline-choice', { hasText: '3天后' }).click();
    await panel.locator('.ov-escalation-note textarea').fill('逾期将约谈项目经理');
    await panel.locator('.ov-escalation-send').click();
    await timeline.locator('.timeline-event', { hasText: '逾期将约谈项目经理' }).waitFor();
    await expect(timeline.locator('.timeline-event').last().innerText()).resolves.toMatch(/督办期限：\d{4}-\d{2}-\d{2} 18:00/);
    await expect(panel.locator('.ov-escalation-deadline').innerText()).resolves.toMatch(/^督办期限：\d{4}-\d{2}-\d{2} 18:00$/);

    await panel.locator('.ov-escalation-note textarea').fill('已现场核实，问题已处理');
    await panel.locator('.ov-escalation-close').click();
    await confirmDialog(page, '结束督办');
    await expect(panel.locator('.ov-escalation-state').filter({ hasText: '已结束' }).innerText()).resolves.toBe('已结束');
    await expect(panel.locator('.ov-escalation-closing').innerText()).resolves.toContain('已现场核实，问题已处理');
    await timeline.locator('.timeline-event', { hasText: '督办结束：已现场核实，问题已处理' }).waitFor();
    await expect(timeline.locator('.timeline-event').last().locator('.timeline-action').innerText()).resolves.toBe('督办结束');
    await snap(page, 'oversight-escalation-closed');

    // Back in the queue, the ticket is no longer waiting; it is among the closed ones.
    await page.goBack();
    await visible(page, '.ov-queue').waitFor();
    await settle(page);
    await expect(visible(page, '.ov-queue-item').filter({ hasText: `#${ticketId} ` }).count()).resolves.toBe(0);
    await visible(page, '.ov-queue-tab').filter({ hasText: '已结束' }).click();
    await visible(page, '.ov-queue-item').filter({ hasText: `#${ticketId} ` }).waitFor();
    await backToMe(page);
    await signOut(page);
  });

  it('in a desktop browser (1280 px) the overview has two columns side by side', async () => {
    const context = await j.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await signInThroughPicker(page, j.baseUrl, '城关镇 李主任');
      await openOversight(page);
      await expect(areaTitle(page)).resolves.toContain('城关镇');
      const columns = await visible(page, '.ov-overview .ov-column').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ left: r.left, top: r.top, width: r.width })));
      expect(columns).toHaveLength(2);
      const [charts, lists] = columns;
      expect(Math.abs(charts.top - lists.top)).toBeLessThan(2);
      expect(lists.left).toBeGreaterThanOrEqual(charts.left + charts.width);
      expect(charts.width).toBeGreaterThan(400);
      await settle(page);
      await screenshot(page, 'oversight-desktop');
      // The charts follow their column when the window narrows (one column below 900 px).
      const chartWidth = () => visible(page, '.ov-chart-satisfaction .ov-chart-plot canvas').evaluate((el) => el.getBoundingClientRect().width);
      const wide = await chartWidth();
      await page.setViewportSize({ width: 800, height: 900 });
      await page.waitForFunction(
        (before) => {
          const plot = Array.from(document.querySelectorAll<HTMLElement>('.ov-chart-satisfaction .ov-chart-plot')).find((el) => el.offsetParent !== null);
          const canvas = plot?.querySelector('canvas');
          return Boolean(plot && canvas && Math.abs(canvas.getBoundingClientRect().width - plot.getBoundingClientRect().width) < 2 && canvas.getBoundingClientRect().width !== before);
        },
        wide,
        { timeout: 5000 },
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a resident of 锦绣花园 sees its star rating and its company’s credit standing from 我的', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '张阿姨');
    await visible(page, '.workspace-standing').click();
    const rating = visible(page, '.ov-estate-rating');
    await rating.waitFor();
    await expect(rating.locator('.card-title').innerText()).resolves.toBe('锦绣花园 星级评定');
    // The demo county bureau rated last year's service: 5 stars.
    await expect(rating.locator('.ov-estate-stars').innerText()).resolves.toBe(`${shanghaiYear() - 1}年度 ★★★★★ 5星`);
    const standing = visible(page, '.ov-standing');
    await expect(standing.locator('.ov-standing-name').innerText()).resolves.toBe('清河万家物业服务有限公司');
    await expect(standing.locator('.ov-standing-grade').innerText()).resolves.toMatch(/^信用等级 [ABCD] · \d+分$/);
    await snap(page, 'oversight-resident-standing');
    await backToMe(page);
    await signOut(page);
  });

  it('with the text enlarged 1.5 times, the overview, an estate and a ticket stick out nowhere', async () => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, '县住建局 王科长');
    await openOversight(page);
    await setTextScale(page, 1.5);
    try {
      expect(await horizontalOverflow(page, '.ov-overview')).toEqual([]);
      await snap(page, 'oversight-large-text-overview');
      await visible(page, '.ov-community').filter({ hasText: '阳光新城' }).click();
      await visible(page, '.ov-ticket').first().waitFor();
      expect(await horizontalOverflow(page, '.ov-community-page')).toEqual([]);
      await visible(page, '.ov-ticket').first().click();
      await visible(page, '.ov-timeline').waitFor();
      expect(await horizontalOverflow(page, '.ov-ticket-page')).toEqual([]);
      await snap(page, 'oversight-large-text-ticket');
    } finally {
      await setTextScale(page, 1);
    }
    await backToMe(page);
    await signOut(page);
  });

  it('threw no JavaScript errors on the phone', () => {
    expect(j.errors).toEqual([]);
  });
});
