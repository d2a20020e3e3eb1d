import { useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { OutboxQueue, QueuedEntry } from '../services/outbox-queue';
import { onNetworkBack } from '../services/network';

/**
 * A page's view of an outbox queue (inspections, patrol checks written offline): the user's entries still on the
 * phone, kept current; they are sent when the page shows and whenever the network returns, and `onSent` runs when
 * any went (the page reloads its list).
 */
export function useQueuedDrafts<E extends QueuedEntry<unknown>>(queue: OutboxQueue<E, unknown>, userId: number | null, onSent: () => void): E[] {
  const [drafts, setDrafts] = useState<E[]>([]);
  const send = async () => {
    if (userId !== null && (await queue.flush(userId)) > 0) onSent();
  };
  const latest = useRef(send);
  latest.current = send;
  useEffect(() => {
    if (userId === null) return undefined;
    setDrafts(queue.pending(userId));
    const stop = queue.onChange(() => setDrafts(queue.pending(userId)));
    const stopNetwork = onNetworkBack(() => void latest.current());
    return () => {
      stop();
      stopNetwork();
    };
  }, [queue, userId]);
  useDidShow(() => void latest.current());
  return drafts;
}
