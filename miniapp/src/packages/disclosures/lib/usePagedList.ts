import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@wuye/contracts';
import { endExpiredSession, isSignedOutError } from '../../../services/auth';
import { ApiError, showApiError } from '../../../services/http';

export type ListPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface PagedList<T> {
  phase: ListPhase;
  items: T[];
  nextCursor: string | null;
  errorMessage: string;
  reload: (quiet?: boolean) => Promise<void>;
  loadMore: () => Promise<void>;
}

/**
 * A keyset-paged list that reloads when `key` changes (estate, filters); answers to an older key are dropped,
 * so a quick tap through the filters never shows the wrong list. `fetchPage` null: nothing to load yet.
 */
export function usePagedList<T extends { id: number }>(key: string, fetchPage: ((cursor?: string) => Promise<Page<T>>) | null): PagedList<T> {
  const [phase, setPhase] = useState<ListPhase>('idle');
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [errorMessage, setErrorMessage] = useState('');
  const generation = useRef(0);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  const reload = useCallback(async (quiet = false) => {
    const fetch = fetcher.current;
    const current = ++generation.current;
    if (!fetch) {
      setPhase('idle');
      return;
    }
    if (!quiet) setPhase('loading');
    try {
      const page = await fetch();
      if (current !== generation.current) return;
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setPhase('ready');
    } catch (error) {
      if (current !== generation.current) return;
      if (isSignedOutError(error)) endExpiredSession();
      setErrorMessage(error instanceof ApiError ? error.message : '加载失败，请稍后重试');
      setPhase('error');
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [key, reload]);

  const loadMore = useCallback(async () => {
    const fetch = fetcher.current;
    const current = generation.current;
    if (!fetch || nextCursor === null) return;
    try {
      const page = await fetch(nextCursor);
      if (current !== generation.current) return;
      setItems((shown) => [...shown, ...page.items.filter((item) => !shown.some((s) => s.id === item.id))]);
      setNextCursor(page.nextCursor);
    } catch (error) {
      showApiError(error);
    }
  }, [nextCursor]);

  return { phase, items, nextCursor, errorMessage, reload, loadMore };
}
