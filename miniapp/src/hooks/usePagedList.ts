import { useCallback, useRef, useState } from 'react';
import type { Page } from '@wuye/contracts';
import { endExpiredSession, isSignedOutError } from '../services/auth';
import { ApiError, showApiError } from '../services/http';

export type ListPhase = 'loading' | 'ready' | 'error';

export interface PagedList<T> {
  phase: ListPhase;
  items: T[];
  nextCursor: string | null;
  errorMessage: string;
  loadingMore: boolean;
  /** The first page again. quiet: keep what is shown meanwhile; if that fails, keep it and say why in a toast. */
  reload: (quiet?: boolean) => Promise<void>;
  /** 加载更多: the next page by cursor, appended. */
  loadMore: () => Promise<void>;
  /** Change the shown items in place (e.g. mark a message read). */
  update: (change: (items: T[]) => T[]) => void;
}

const messageOf = (error: unknown) => (error instanceof ApiError ? error.message : '加载失败，请稍后重试');

/**
 * A keyset-paginated list as the pages show it: loading, the error with 重试, 加载更多. Answers of an older first
 * page (the filter changed meanwhile) are dropped. `fetchPage` changes when the query does; call reload() then.
 */
export function usePagedList<T>(fetchPage: (cursor?: string) => Promise<Page<T>>): PagedList<T> {
  const [phase, setPhase] = useState<ListPhase>('loading');
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [errorMessage, setErrorMessage] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);
  const shownCount = useRef(0);
  shownCount.current = phase === 'ready' ? items.length : 0;
  const latestFetch = useRef(fetchPage);
  latestFetch.current = fetchPage;

  const reload = useCallback(async (quiet = false) => {
    const current = ++generation.current;
    if (!quiet) setPhase('loading');
    try {
      const page = await latestFetch.current();
      if (current !== generation.current) return;
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setPhase('ready');
    } catch (error) {
      if (current !== generation.current) return;
      if (isSignedOutError(error)) endExpiredSession();
      if (quiet && shownCount.current > 0) {
        showApiError(error);
        return;
      }
      setErrorMessage(messageOf(error));
      setPhase('error');
    }
  }, []);

  const loadMore = async () => {
    if (nextCursor === null || loadingMore) return;
    const current = generation.current;
    setLoadingMore(true);
    try {
      const page = await latestFetch.current(nextCursor);
      if (current !== generation.current) return;
      setItems((shown) => [...shown, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (error) {
      if (current === generation.current) showApiError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const update = useCallback((change: (shown: T[]) => T[]) => setItems(change), []);

  return { phase, items, nextCursor, errorMessage, loadingMore, reload, loadMore, update };
}
