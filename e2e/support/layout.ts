import type { Page } from 'playwright-core';
import { settle } from './app';

export interface Overflow {
  element: string;
  text: string;
  problem: string;
}

/**
 * Everything inside the visible page `rootSelector` that sticks out sideways: the document scrolling horizontally,
 * a box reaching past the page's edges, or a box whose own content is wider than it (clipped or spilling text).
 */
export function horizontalOverflow(page: Page, rootSelector: string): Promise<Overflow[]> {
  return page.evaluate((selector) => {
    const root = Array.from(document.querySelectorAll<HTMLElement>(selector)).find((element) => element.getClientRects().length > 0);
    if (!root) return [{ element: selector, text: '', problem: `the page ${selector} is not shown` }];
    const nameOf = (element: Element) => `${element.tagName.toLowerCase()}.${Array.from(element.classList).join('.')}`;
    const problems: { element: string; text: string; problem: string }[] = [];
    const bounds = root.getBoundingClientRect();
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      problems.push({ element: 'html', text: '', problem: `document ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window` });
    }
    for (const element of [root, ...Array.from(root.querySelectorAll<HTMLElement>('*'))]) {
      if (element.getClientRects().length === 0) continue;
      // A photo in aspectFill mode is cropped to its frame on purpose: its inner image is larger than the frame.
      if (element.closest('taro-image-core') && element.tagName.toLowerCase() !== 'taro-image-core') continue;
      // Fields scroll their own text: a long value in an input is not text cut off.
      if (['INPUT', 'TEXTAREA'].includes(element.tagName)) continue;
      const box = element.getBoundingClientRect();
      const text = (element.textContent ?? '').trim().slice(0, 40);
      if (box.right > bounds.right + 1 || box.left < bounds.left - 1) {
        problems.push({ element: nameOf(element), text, problem: `box ${Math.round(box.left)}–${Math.round(box.right)} outside the page ${Math.round(bounds.left)}–${Math.round(bounds.right)}` });
      } else if (element.tagName.toLowerCase() !== 'taro-image-core' && element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1) {
        problems.push({ element: nameOf(element), text, problem: `content ${element.scrollWidth}px wide in a ${element.clientWidth}px box` });
      }
    }
    return problems;
  }, rootSelector);
}

/** The root font size the H5 build sets for this window (its inline script: 20px per 375px of width, 20–24px). */
export function designRootFontSize(page: Page): Promise<number> {
  return page.evaluate(() => Math.min(24, Math.max(20, (20 * window.innerWidth) / 375)));
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
