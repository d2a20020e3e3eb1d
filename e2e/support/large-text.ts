import type { Page } from 'playwright-core';
import { settle } from './app';

/** 适老化 checks: the text enlarged as a resident would, and nothing sticking out sideways. */
export interface Overflow {
  element: string;
  text: string;
  problem: string;
}

/**
 * Everything inside the visible page (its root element `rootSelector`) that sticks out sideways: the page itself
 * scrolling horizontally, a box reaching past the page's edges, or a box whose own content is wider than it
 * (clipped or spilling text).
 */
export function horizontalOverflow(page: Page, rootSelector: string, pageName: string): Promise<Overflow[]> {
  return page.evaluate(([selector, name]) => {
    const root = Array.from(document.querySelectorAll<HTMLElement>(selector)).find((element) => element.getClientRects().length > 0);
    if (!root) return [{ element: selector, text: '', problem: `the ${name} page is not shown` }];
    const nameOf = (element: Element) => `${element.tagName.toLowerCase()}.${Array.from(element.classList).join('.')}`;
    const problems: Overflow[] = [];
    const page = root.getBoundingClientRect();
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      problems.push({ element: 'html', text: '', problem: `document ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window` });
    }
    for (const element of [root, ...Array.from(root.querySelectorAll<HTMLElement>('*'))]) {
      if (element.getClientRects().length === 0) continue;
      const box = element.getBoundingClientRect();
      const text = (element.textContent ?? '').trim().slice(0, 40);
      if (box.right > page.right + 1 || box.left < page.left - 1) {
        problems.push({ element: nameOf(element), text, problem: `box ${Math.round(box.left)}–${Math.round(box.right)} outside the page ${Math.round(page.left)}–${Math.round(page.right)}` });
      } else if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1) {
        problems.push({ element: nameOf(element), text, problem: `content ${element.scrollWidth}px wide in a ${element.clientWidth}px box` });
      }
    }
    return problems;
  }, [rootSelector, pageName] as const);
}

/** The root font size the H5 build sets for this window (its inline script: 20px per 375px of width, 20–40px). */
export function designRootFontSize(page: Page): Promise<number> {
  return page.evaluate(() => Math.min(40, Math.max(20, (20 * window.innerWidth) / 375)));
}

/**
 * Residents enlarge the text (system font size, browser zoom); the H5 build sizes everything in rem. A style rule
 * with !important, because the build's own script rewrites the inline root size on resize events.
 */
export async function setTextScale(page: Page, factor: number): Promise<void> {
  const size = factor === 1 ? null : (await designRootFontSize(page)) * factor;
  await page.evaluate((px: number | null) => {
    let rule = document.getElementById('e2e-text-scale');
    if (px === null) {
      rule?.remove();
      return;
    }
    if (!rule) {
      rule = document.createElement('style');
      rule.id = 'e2e-text-scale';
      document.head.appendChild(rule);
    }
    rule.textContent = `html { font-size: ${px}px !important; }`;
  }, size);
  await settle(page);
}

export async function rootFontSize(page: Page): Promise<number> {
  return page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
}
