import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';

/** A photo as a phone would send it: with EXIF (camera, owner, a GPS-like comment) unless told otherwise. */
export async function photo(options: { width?: number; height?: number; format?: 'jpeg' | 'png' | 'webp'; exif?: boolean } = {}): Promise<Buffer> {
  const { width = 2400, height = 1800, format = 'jpeg', exif = true } = options;
  let image = sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } });
  if (exif) image = image.withExif({ IFD0: { Make: 'TestPhone', Model: 'X1', Artist: '张三 13812345678', ImageDescription: 'GPS 30.2741N 120.1551E' } });
  return image.toFormat(format).toBuffer();
}

/** True when the JPEG carries any APP1 (EXIF/XMP) segment. */
export function hasExif(jpeg: Buffer): boolean {
  return jpeg.includes(Buffer.from('Exif\0\0')) || jpeg.includes(Buffer.from('http://ns.adobe.com/xap'));
}

/** A one-page PDF (a voucher, a signed agreement); `extra` changes it before saving (object streams on, as pdf-lib saves by default). */
export async function pdf(extra: (doc: PDFDocument) => void = () => undefined): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText('Invoice 2026-07', { x: 10, y: 10, size: 12 });
  extra(doc);
  return Buffer.from(await doc.save());
}
