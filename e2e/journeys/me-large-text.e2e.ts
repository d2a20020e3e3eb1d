import { signInThroughPicker, signOut, snap, visible } from '../support/app';
import { openApp, type Journey } from '../support/browser';
import { designRootFontSize, horizontalOverflow, rootFontSize, setTextScale } from '../support/large-text';

describe('我的 with the text enlarged 1.5 times', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await openApp();
  });
  afterAll(() => j.close());

  it.each([
    ['an owner with a household', '张阿姨', 'me-large-text-owner'],
    ['the estate manager', '锦绣花园 陈经理', 'me-large-text-manager'],
  ])('%s: nothing overflows sideways', async (_who, displayName, shot) => {
    const { page } = j;
    await signInThroughPicker(page, j.baseUrl, displayName);
    const normal = await designRootFontSize(page);
    await setTextScale(page, 1.5);
    try {
      expect(await rootFontSize(page)).toBeCloseTo(normal * 1.5, 1);
      // The text really is larger: the name is set in rem (22px at the normal size).
      const nameSize = await visible(page, '.me-name').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
      expect(nameSize).toBeGreaterThan(30);

      expect(await horizontalOverflow(page, '.me', '我的')).toEqual([]);
      await snap(page, shot);
    } finally {
      await setTextScale(page, 1);
    }
    await signOut(page);
  });

  it('threw no JavaScript errors', () => {
    expect(j.errors).toEqual([]);
  });
});
