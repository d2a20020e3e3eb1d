/**
 * H5 only: a photo chosen in the browser is a `blob:` URL that dies with the tab. A report waiting to be sent keeps
 * its photos as JPEG data URLs instead (scaled to ≤ 1280 px, which also drops EXIF), small enough for storage.
 */
const MAX_SIDE = 1280;
const QUALITY = 0.8;

export async function inlinePhoto(url: string): Promise<string | null> {
  if (!url.startsWith('blob:') || typeof document === 'undefined') return null;
  try {
    const image = await new Promise<HTMLImageElement>((resolve, reject) => {
      const element = new Image();
      element.onload = () => resolve(element);
      element.onerror = reject;
      element.src = url;
    });
    const scale = Math.min(1, MAX_SIDE / Math.max(image.naturalWidth, image.naturalHeight, 1));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', QUALITY);
  } catch {
    return null;
  }
}

/** Whether a `blob:` photo still exists (the tab it was chosen in may have been closed since). */
export async function photoStillThere(url: string): Promise<boolean> {
  if (process.env.TARO_ENV !== 'h5' || !url.startsWith('blob:')) return true;
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}
