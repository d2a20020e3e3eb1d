import Taro from '@tarojs/taro';
import { sentenceOf } from './errors';
import { ApiError, busyRetryDelayMs } from './http';
import { inlinePhoto } from './h5-photos';
import { sessionUserId } from './session';
import { uploadPhoto } from './uploads';

/**
 * 待发送, for anything a person may submit without a connection (a 随手拍 report, an inspection written in a
 * basement): the submission waits on the phone (Taro storage) and is sent when the network comes back, always with
 * the Idempotency-Key it was given when they tapped 提交 — never lost, never recorded twice, however often sending
 * is retried. Photos not yet uploaded wait as local file paths and go up first.
 */
export interface OutboxPhoto {
  /** The file on the phone (a temp or saved file path; a blob: URL on H5). */
  localPath: string;
  /** Set once uploaded, so a retry does not upload it again. */
  uploadId: number | null;
}

export interface QueuedEntry<I> {
  /** The Idempotency-Key of this submission. */
  key: string;
  /** Whose it is: a phone shared by two accounts sends each one's submissions only as that account. */
  userId: number;
  createdAt: string;
  input: I;
  photos: OutboxPhoto[];
  /** The API refused it (not a connection problem): its message; the person may delete it. */
  error: string | null;
}

export type QueueOutcome<R> = { status: 'sent'; result: R } | { status: 'waiting'; message: string } | { status: 'refused'; error: ApiError };

export interface OutboxQueue<E extends QueuedEntry<unknown>, R> {
  onChange(listener: () => void): () => void;
  pending(userId: number): E[];
  queue(userId: number, entry: Omit<E, 'key' | 'userId' | 'createdAt' | 'photos' | 'error'>, photos: OutboxPhoto[]): E;
  discard(key: string): void;
  keepPhotosOnPhone(key: string): Promise<void>;
  send(key: string): Promise<QueueOutcome<R>>;
  flush(userId: number): Promise<number>;
  flushForCurrentUser(): Promise<number>;
}

/** 8–64 characters of [A-Za-z0-9_-], as the API asks; unique enough per user and phone. */
export function newIdempotencyKey(): string {
  const random = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `r${Date.now().toString(36)}${random()}${random()}`;
}

/** No answer at all, or the server could not take it now: try again later. Anything else is the API's verdict. */
function isTransient(error: unknown): boolean {
  return !(error instanceof ApiError) || error.statusCode === 0 || error.statusCode >= 500 || error.statusCode === 429 || error.statusCode === 401;
}

async function keptPath(localPath: string): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') return inlinePhoto(localPath);
  if (localPath.startsWith('wxfile://usr')) return null;
  try {
    const saved = await Taro.saveFile({ tempFilePath: localPath } as Taro.saveFile.Option);
    return (saved as { savedFilePath: string }).savedFilePath;
  } catch {
    return null;
  }
}

function releaseSavedPhotos(entry: QueuedEntry<unknown>): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  for (const photo of entry.photos) {
    if (photo.localPath.startsWith('wxfile://usr')) Taro.removeSavedFile({ filePath: photo.localPath }).catch(() => undefined);
  }
}

/**
 * One queue kept under `storageKey`; `submit` makes the API call with the entry's key and the ids of its photos (in
 * the order of `entry.photos`).
 */
export function createOutboxQueue<E extends QueuedEntry<unknown>, R>(storageKey: string, submit: (entry: E, photoIds: number[]) => Promise<R>): OutboxQueue<E, R> {
  const listeners = new Set<() => void>();
  const sending = new Set<string>();
  let resendTimer: ReturnType<typeof setTimeout> | null = null;
  let flushing: Promise<number> | null = null;

  const readAll = (): E[] => {
    const stored: unknown = Taro.getStorageSync(storageKey);
    return Array.isArray(stored) ? (stored as E[]) : [];
  };
  const writeAll = (entries: E[]) => {
    if (entries.length === 0) Taro.removeStorageSync(storageKey);
    else Taro.setStorageSync(storageKey, entries);
    listeners.forEach((listener) => listener());
  };
  const update = (key: string, change: (entry: E) => E | null) => {
    const next: E[] = [];
    for (const entry of readAll()) {
      const changed = entry.key === key ? change(entry) : entry;
      if (changed) next.push(changed);
    }
    writeAll(next);
  };

  const self: OutboxQueue<E, R> = {
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    pending: (userId) => readAll().filter((entry) => entry.userId === userId),
    /** Kept on the phone before anything is sent: from here on it cannot be lost. */
    queue(userId, fields, photos) {
      const entry = { ...fields, key: newIdempotencyKey(), userId, createdAt: new Date().toISOString(), photos, error: null } as E;
      writeAll([...readAll(), entry]);
      return entry;
    },
    discard(key) {
      const entry = readAll().find((e) => e.key === key);
      if (entry) releaseSavedPhotos(entry);
      update(key, () => null);
    },
    /**
     * A waiting entry keeps its photos where they survive: WeChat's temp files may be cleaned up, so they become saved
     * files; a browser's blob: URLs die with the tab, so they become data URLs. With storage full they stay as they were.
     */
    async keepPhotosOnPhone(key) {
      const platform = process.env.TARO_ENV;
      if (platform !== 'weapp' && platform !== 'h5') return;
      const entry = readAll().find((e) => e.key === key);
      if (!entry) return;
      const photos: OutboxPhoto[] = [];
      for (const photo of entry.photos) photos.push(photo.uploadId !== null ? photo : { ...photo, localPath: (await keptPath(photo.localPath)) ?? photo.localPath });
      try {
        update(key, (current) => ({ ...current, photos }));
      } catch {
        // Storage full: the entry as it was is still stored.
      }
    },
    /**
     * Uploads the photos still on the phone (one at a time; each id is kept as soon as it is known), then submits with
     * the entry's own Idempotency-Key. Sent: it leaves the queue. A connection problem: it stays, waiting (after a 503
     * it goes again once Retry-After is over). Refused by the API: it stays with the API's message.
     */
    async send(key) {
      if (sending.has(key)) return { status: 'waiting', message: '正在发送…' };
      sending.add(key);
      try {
        let entry = readAll().find((e) => e.key === key);
        if (!entry) return { status: 'waiting', message: '这条记录已不在手机上' };
        for (let i = 0; i < entry.photos.length; i++) {
          if (entry.photos[i].uploadId !== null) continue;
          const uploaded = await uploadPhoto(entry.photos[i].localPath);
          update(key, (current) => ({ ...current, photos: current.photos.map((p, j) => (j === i ? { ...p, uploadId: uploaded.id } : p)) }));
          entry = readAll().find((e) => e.key === key) ?? entry;
        }
        const result = await submit(entry, entry.photos.map((p) => p.uploadId).filter((id): id is number => id !== null));
        releaseSavedPhotos(entry);
        update(key, () => null);
        return { status: 'sent', result };
      } catch (error) {
        if (isTransient(error)) {
          const wait = busyRetryDelayMs(error);
          if (wait !== null && resendTimer === null) {
            resendTimer = setTimeout(() => {
              resendTimer = null;
              void self.flushForCurrentUser();
            }, wait);
          }
          return { status: 'waiting', message: sentenceOf(error, '发送失败，稍后会自动重试') };
        }
        const refused = error as ApiError;
        update(key, (current) => ({ ...current, error: refused.message }));
        return { status: 'refused', error: refused };
      } finally {
        sending.delete(key);
      }
    },
    /** Sends every waiting entry of the user that the API has not refused, oldest first. Answers how many went. */
    flush(userId) {
      flushing ??= (async () => {
        let sent = 0;
        for (const entry of self.pending(userId)) {
          if (entry.error) continue;
          const outcome = await self.send(entry.key);
          if (outcome.status === 'sent') sent++;
          // Still no connection: the rest would fail the same way.
          if (outcome.status === 'waiting') break;
        }
        return sent;
      })().finally(() => {
        flushing = null;
      });
      return flushing;
    },
    /** Only the signed-in user's: never sent as another account that signed in on the same phone. */
    async flushForCurrentUser() {
      const userId = sessionUserId();
      if (readAll().length === 0 || userId === null) return 0;
      return self.flush(userId);
    },
  };
  return self;
}
