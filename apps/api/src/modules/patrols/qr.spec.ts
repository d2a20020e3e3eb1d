import { randomBytes } from 'node:crypto';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { parsePatrolCode, patrolCodeText } from '@wuye/contracts';
import { qrPng } from './qr';

const readBack = async (png: Buffer) => {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data;
};

describe('printed patrol point codes', () => {
  it('every code reads back to its point, whatever the id and the random part', async () => {
    // Point ids from 1 to the millions and random 16-hex codes: the text length moves the QR version (2 to 3 here),
    // and each text picks its own mask, so one code read back proves little.
    for (let i = 0; i < 30; i++) {
      const pointId = i < 15 ? i * 97 + 1 : Math.floor(Math.random() * 9_999_999) + 1;
      const code = randomBytes(8).toString('hex');
      expect(parsePatrolCode((await readBack(await qrPng(patrolCodeText(pointId, code)))) ?? '')).toEqual({ pointId, code });
    }
  });

  it('has a quiet zone of four modules on every side', async () => {
    const png = await qrPng(patrolCodeText(7, '0123456789abcdef'), 10);
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    const dark = (x: number, y: number) => data[y * info.width + x] < 128;
    expect(info.width).toBe(info.height);
    const darkInMargin: number[][] = [];
    for (let k = 0; k < 40; k++) {
      for (let j = 0; j < info.width; j++) if (dark(j, k) || dark(k, j) || dark(j, info.width - 1 - k) || dark(info.width - 1 - k, j)) darkInMargin.push([j, k]);
    }
    expect(darkInMargin).toEqual([]);
    // The finder pattern's corner starts right after it.
    expect(dark(40, 40)).toBe(true);
  });
});
