import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@wuye/contracts';
import { endExpiredSession, isSignedOutError } from '../../../services/auth';
import { ApiError, showApiError } from '../../../services/http';

export type RemotePhase = 'loading' | 'ready' | 'error';

export const messageOf = (error: unknown, fallback = '加载失败，请稍后重试') => (error instanceof ApiError ? error.message : fallback);

/** A failure of a load: an ended session ends it here too; the message is the API's. */
function failureMessage(error: unknown): string {
  if (isSignedOutError(error)) endExpiredSession();
  return messageOf(error);
}

export interface Remote<T> {
  phase: RemotePhase;
  data: T | null;
  errorMessage: string;
  /** quiet: keep what is shown while loading (pull-down refresh, after an action). */
  reload: (quiet?: boolean) => Promise<void>;
}

/**
 * One answer of the API, loaded while `enabled` and again whenever `load` changes (memoise it with its inputs).
 * Answers of an older load are dropped.
 */
export function useRemote<T>(load: () => Promise<T>, enabled: boolean): Remote<T> {
  const [phase, setPhase] = useState<RemotePhase>('loading');
  const [data, setData] = useState<T | null>(null);
  const [errorMessage, setErrorMessage] = useState('');
  const generation = useRef(0);

  const reload = useCallback(
    async (quiet = false) => {
      const current = ++generation.current;
      if (!quiet) setPhase('loading');
      try {
        const answer = await load();
        if (current !== generation.current) return;
        setData(answer);
        setPhase('ready');
      } catch (error) {
        if (current !== generation.current) return;
        setErrorMessage(failureMessage(error));
        setPhase('error');
      }
    },
    [load],
  );

  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);

  return { phase, data, errorMessage, reload };
}

export interface PagedList<T> {
  phase: RemotePhase;
  items: T[];
  nextCursor: string | null;
  errorMessage: string;
  loadingMore: boolean;
  reload: (quiet?: boolean) => Promise<void>;
  /** 加载更多: the next page, appended (items already shown are not repeated). */
  loadMore: () => Promise<void>;
}

/** A keyset-paginated list: the first page while `enabled` (and whenever `fetchPage` changes), then page by page. */
export function usePagedList<T extends { id: number }>(fetchPage: (cursor: string | null) => Promise<Page<T>>, enabled: boolean): PagedList<T> {
  const [phase, setPhase] = useState<RemotePhase>('loading');
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [errorMessage, setErrorMessage] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);

  const reload = useCallback(
    async (quiet = false) => {
      const current = ++generation.current;
      if (!quiet) setPhase('loading');
      try {
        const page = await fetchPage(null);
        if (current !== generation.current) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setPhase('ready');
      } catch (error) {
        if (current !== generation.current) return;
        setErrorMessage(failureMessage(error));
        setPhase('error');
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);

  const loadMore = async () => {
    if (nextCursor === null || loadingMore) return;
    const current = generation.current;
    setLoadingMore(true);
    try {
      const page = await fetchPage(nextCursor);
      if (current !== generation.current) return;
      setItems((shown) => [...shown, ...page.items.filter((item) => !shown.some((s) => s.id === item.id))]);
      setNextCursor(page.nextCursor);
    } catch (error) {
      showApiError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  return { phase, items, nextCursor, errorMessage, loadingMore, reload, loadMore };
}
