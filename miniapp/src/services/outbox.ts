import type { CreateTicketInput, TicketView } from '@wuye/contracts';
import type { ApiError } from './http';
import { onNetworkBack } from './network';
import { createOutboxQueue, type QueuedEntry } from './outbox-queue';
import { createTicket } from './tickets';

export { newIdempotencyKey, type OutboxPhoto } from './outbox-queue';

/** 随手拍 reports made without a connection (outbox-queue.ts: sent later with their Idempotency-Key, never twice). */
export interface OutboxEntry extends QueuedEntry<Omit<CreateTicketInput, 'photoIds'>> {
  communityName: string;
  categoryName: string;
}

export type SendOutcome = { status: 'sent'; ticket: TicketView } | { status: 'waiting'; message: string } | { status: 'refused'; error: ApiError };

const reports = createOutboxQueue<OutboxEntry, TicketView>('wuye.outbox', (entry, photoIds) => createTicket({ ...entry.input, photoIds }, entry.key));

/** Pages listening for reports that were queued, sent or refused. Answers the unsubscribe function. */
export const onOutboxChange = reports.onChange;
/** The user's reports still on the phone, oldest first. */
export const pendingReports = reports.pending;
/** Keeps a report on the phone before anything is sent; photos the form uploaded already come with their ids. */
export const queueReport = reports.queue;
/** 删除 a waiting report (one the API refused, or one the resident no longer wants sent). */
export const discardReport = reports.discard;
export const keepPhotosOnPhone = reports.keepPhotosOnPhone;
export const flushOutbox = reports.flush;
export const flushOutboxForCurrentUser = reports.flushForCurrentUser;

/** Sends one waiting report (photos first, then POST /tickets with its own Idempotency-Key). */
export async function sendReport(key: string): Promise<SendOutcome> {
  const outcome = await reports.send(key);
  return outcome.status === 'sent' ? { status: 'sent', ticket: outcome.result } : outcome;
}

/** Registered once at launch: whenever the connection returns, waiting reports go out. */
export function watchOutbox(): () => void {
  return onNetworkBack(() => {
    void flushOutboxForCurrentUser();
  });
}
