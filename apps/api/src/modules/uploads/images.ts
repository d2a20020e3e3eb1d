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
/** Pixel limit of the input: a small file that decodes to a gigantic picture (decompression bomb) is refused. */
const MAX_INPUT_PIXELS = 64_000_000;

/**
 * Re-encodes to JPEG ≤ 1600 px on the long edge, upright (EXIF orientation applied), with no metadata at all:
 * sharp writes none unless asked, so EXIF, GPS, XMP and ICC comments are gone. Plus a 320 px thumbnail.
 */
export async function processImage(bytes: Buffer): Promise<ProcessedImage> {
  const base = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
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
