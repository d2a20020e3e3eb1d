import sharp from 'sharp';

/** The image types we accept, told apart by their first bytes, never by name or Content-Type. */
export type ImageType = 'jpeg' | 'png' | 'webp' | 'heic';

export function sniffImage(bytes: Buffer): ImageType | null {
  if (bytes.length < 12) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') return 'webp';
  // ISO-BMFF: size, "ftyp", brand. iPhones write heic/heix/mif1.
  if (bytes.toString('ascii', 4, 8) === 'ftyp' && ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(bytes.toString('ascii', 8, 12))) return 'heic';
  return null;
}

export interface ProcessedImage {
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

export const MAX_EDGE = 1600;
export const THUMB_EDGE = 320;

/**
 * Width × height as the file's header states them, read without decoding a pixel; null when the header cannot be
 * read (the decode then fails with its own message). A small file can declare a gigantic picture.
 */
export async function declaredPixels(bytes: Buffer): Promise<number | null> {
  try {
    const { width, height } = await sharp(bytes).metadata();
    return width && height ? width * height : null;
  } catch {
    return null;
  }
}

/**
 * At most `size` decodes at a time in this process; the others wait in turn. A decode holds the whole picture in
 * memory (a 40 MP photo is 160 MB of pixels), so eight large uploads at once must not mean eight pictures at once.
 */
export class DecodeSlots {
  private active = 0;
  /** The most decodes that ever ran at once (for the logs and the tests). */
  peak = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * Re-encodes to JPEG ≤ 1600 px on the long edge, upright (EXIF orientation applied), with no metadata at all:
 * sharp writes none unless asked, so EXIF, GPS, XMP and ICC comments are gone. Plus a 320 px thumbnail.
 * `maxPixels` is also sharp's own limit, for a header that understated the picture.
 */
export async function processImage(bytes: Buffer, maxPixels: number): Promise<ProcessedImage> {
  const base = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' }).rotate();
  const { data: image, info } = await base
    .clone()
    .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  const thumbnail = await base
    .clone()
    .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 75, mozjpeg: true })
    .toBuffer();
  return { image, thumbnail, width: info.width, height: info.height };
}
