import sharp from 'sharp';
// The QR encoder of qrcode-terminal (a port of Kazuhiko Arase's qrcode.js, MIT): it builds the module matrix only,
// which is all a printable code needs; sharp (already ours for photos) turns it into a PNG.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const QRCode = require('qrcode-terminal/vendor/QRCode') as new (typeNumber: number, level: number) => { addData(text: string): void; make(): void; getModuleCount(): number; isDark(row: number, col: number): boolean };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const LEVELS = require('qrcode-terminal/vendor/QRCode/QRErrorCorrectLevel') as { M: number };

/** A QR code of `text` as a PNG: black modules on white, a 4-module quiet zone, `scale` pixels per module. */
export async function qrPng(text: string, scale = 10): Promise<Buffer> {
  const qr = new QRCode(-1, LEVELS.M);
  qr.addData(text);
  qr.make();
  const modules = qr.getModuleCount();
  const size = (modules + 8) * scale;
  const pixels = Buffer.alloc(size * size, 255);
  for (let row = 0; row < modules; row++) {
    for (let col = 0; col < modules; col++) {
      if (!qr.isDark(row, col)) continue;
      for (let y = 0; y < scale; y++) pixels.fill(0, ((row + 4) * scale + y) * size + (col + 4) * scale, ((row + 4) * scale + y) * size + (col + 5) * scale);
    }
  }
  return sharp(pixels, { raw: { width: size, height: size, channels: 1 } }).png().toBuffer();
}
