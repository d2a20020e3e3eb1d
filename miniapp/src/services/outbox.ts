import Taro from '@tarojs/taro';
import type { CreateTicketInput, TicketView } from '@wuye/contracts';
import { sentenceOf } from './errors';
import { ApiError, busyRetryDelayMs } from './http';
import { inlinePhoto } from './h5-photos';
import { onNetworkBack } from './network';
import { sessionUserId } from './session';
import { createTicket } from './tickets';
import { uploadPhoto } from './uploads';

/**
 * 待发送: reports made without a connection wait on the phone (Taro storage) and are sent when the network comes
 * back, always with the Idempotency-Key they were given when the resident tapped 提交 — so a report is never lost
 * and never filed twice, however often sending is retried. Photos not yet uploaded wait as local file paths.
 */
const OUTBOX_KEY = 'wuye.outbox';

export interface OutboxPhoto {
  /** The file on the phone (a temp or saved file path; a blob: URL on H5). */
  localPath: string;
  /** Set once uploaded, so a retry does not upload it again. */
  uploadId: number | null;
}

export interface OutboxEntry {
  /** The Idempotency-Key of this submission. */
  key: string;
  /** Whose report it is: a phone shared by two accounts sends each one's reports only as that account. */
  userId: number;
  createdAt: string;
  input: Omit<CreateTicketInput, 'photoIds'>;
  communityName: string;
  categoryName: string;
  photos: OutboxPhoto[];
  /** The API refused it (not a connection problem): its message; the resident may delete it. */
  error: string | null;
}

export type SendOutcome = { status: 'sent'; ticket: TicketView } | { status: 'waiting'; message: string } | { status: 'refused'; error: ApiError };

const listeners = new Set<() => void>();

/** Pages listening for reports that were queued, sent or refused. Answers the unsubscribe function. */
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function readAll(): OutboxEntry[] {
  const stored: unknown = Taro.getStorageSync(OUTBOX_KEY);
  return Array.isArray(stored) ? (stored as OutboxEntry[]) : [];
}

function writeAll(entries: OutboxEntry[]): void {
  if (entries.length === 0) Taro.removeStorageSync(OUTBOX_KEY);
  else Taro.setStorageSync(OUTBOX_KEY, entries);
  listeners.forEach((listener) => listener());
}

function update(key: string, change: (entry: OutboxEntry) => OutboxEntry | null): void {
  const next: OutboxEntry[] = [];
  for (const entry of readAll()) {
    const changed = entry.key === key ? change(entry) : entry;
    if (changed) next.push(changed);
  }
  writeAll(next);
}

/** 8–64 characters of [A-Za-z0-9_-], as the API asks; unique enough per user and phone. */
export function newIdempotencyKey(): string {
  const random = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `r${Date.now().toString(36)}${random()}${random()}`;
}

/** The user's reports still on the phone, oldest first. */
export function pendingReports(userId: number): OutboxEntry[] {
  return readAll().filter((entry) => entry.userId === userId);
}

/**
 * Keeps a report on the phone before anything is sent: from here on it cannot be lost. Photos the form uploaded
 * already come with their ids; the others are uploaded when the report is sent.
 */
export function queueReport(userId: number, report: Omit<OutboxEntry, 'key' | 'userId' | 'createdAt' | 'photos' | 'error'>, photos: OutboxPhoto[]): OutboxEntry {
  const entry: OutboxEntry = {
    ...report,
    key: newIdempotencyKey(),
    userId,
    createdAt: new Date().toISOString(),
    photos,
    error: null,
  };
  writeAll([...readAll(), entry]);
  return entry;
}

/** 删除 a waiting report (one the API refused, or one the resident no longer wants sent). */
export function discardReport(key: string): void {
  const entry = readAll().find((e) => e.key === key);
  if (entry) releaseSavedPhotos(entry);
  update(key, () => null);
}

/**
 * A report that waits keeps its photos where they survive: WeChat's temp files from the camera may be cleaned up,
 * so they become saved files; a browser's blob: URLs die with the tab, so they become data URLs. When storage is
 * full the photos stay as they were (they still go if the app stays open).
 */
export async function keepPhotosOnPhone(key: string): Promise<void> {
  const platform = process.env.TARO_ENV;
  if (platform !== 'weapp' && platform !== 'h5') return;
  const entry = readAll().find((e) => e.key === key);
  if (!entry) return;
  const photos: OutboxPhoto[] = [];
  for (const photo of entry.photos) {
    photos.push(photo.uploadId !== null ? photo : { ...photo, localPath: (await keptPath(photo.localPath)) ?? photo.localPath });
  }
  try {
    update(key, (current) => ({ ...current, photos }));
  } catch {
    // Storage full: the entry as it was is still stored.
  }
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

function releaseSavedPhotos(entry: OutboxEntry): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  for (const photo of entry.photos) {
    if (photo.localPath.startsWith('wxfile://usr')) Taro.removeSavedFile({ filePath: photo.localPath }).catch(() => undefined);
  }
}

/** No answer at all, or the server could not take it now: try again later. Anything else is the API's verdict. */
function isTransient(error: unknown): boolean {
  return !(error instanceof ApiError) || error.statusCode === 0 || error.statusCode >= 500 || error.statusCode === 429 || error.statusCode === 401;
}

const sending = new Set<string>();

let resendTimer: ReturnType<typeof setTimeout> | null = null;

/**
 * The server was busy (503 with Retry-After): the network is fine, so no "connection back" event will come. The
 * waiting reports go again once that wait (plus jitter) is over, with their own Idempotency-Keys; one timer at a time.
 */
function resendAfterBusy(error: unknown): void {
  const wait = busyRetryDelayMs(error);
  if (wait === null || resendTimer !== null) return;
  resendTimer = setTimeout(() => {
    resendTimer = null;
    void flushOutboxForCurrentUser();
  }, wait);
}

/**
 * Sends one waiting report: uploads the photos still on the phone (one at a time; each id is kept as soon as it
 * is known), then POST /tickets with the report's own Idempotency-Key. Sent: it leaves the outbox. A connection
 * problem: it stays, waiting. Refused by the API: it stays with the API's message (the form removes it instead).
 */
export async function sendReport(key: string): Promise<SendOutcome> {
  if (sending.has(key)) return { status: 'waiting', message: '正在发送…' };
  sending.add(key);
  try {
    let entry = readAll().find((e) => e.key === key);
    if (!entry) return { status: 'waiting', message: '这条报事已不在手机上' };
    for (let i = 0; i < entry.photos.length; i++) {
      if (entry.photos[i].uploadId !== null) continue;
      const uploaded = await uploadPhoto(entry.photos[i].localPath);
      update(key, (current) => ({ ...current, photos: current.photos.map((p, j) => (j === i ? { ...p, uploadId: uploaded.id } : p)) }));
      entry = readAll().find((e) => e.key === key) ?? entry;
    }
    const photoIds = entry.photos.map((p) => p.uploadId).filter((id): id is number => id !== null);
    const ticket = await createTicket({ ...entry.input, photoIds }, key);
    releaseSavedPhotos(entry);
    update(key, () => null);
    return { status: 'sent', ticket };
  } catch (error) {
    if (isTransient(error)) {
      resendAfterBusy(error);
      return { status: 'waiting', message: sentenceOf(error, '发送失败，稍后会自动重试') };
    }
    const refused = error as ApiError;
    update(key, (current) => ({ ...current, error: refused.message }));
    return { status: 'refused', error: refused };
  } finally {
    sending.delete(key);
  }
}

let flushing: Promise<number> | null = null;

/** Sends every waiting report of the user that the API has not refused, oldest first. Answers how many went. */
export function flushOutbox(userId: number): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    for (const entry of pendingReports(userId)) {
      if (entry.error) continue;
      const outcome = await sendReport(entry.key);
      if (outcome.status === 'sent') sent++;
      // Still no connection: the rest would fail the same way.
      if (outcome.status === 'waiting') break;
    }
    return sent;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/**
 * For the app as a whole (network back, app shown): sends the signed-in user's waiting reports — only theirs, so
 * a report is never sent as another account that signed in on the same phone.
 */
export async function flushOutboxForCurrentUser(): Promise<number> {
  const userId = sessionUserId();
  if (readAll().length === 0 || userId === null) return 0;
  return flushOutbox(userId);
}

/** Registered once at launch: whenever the connection returns, waiting reports go out. */
export function watchOutbox(): () => void {
  return onNetworkBack(() => {
    void flushOutboxForCurrentUser();
  });
}
