import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@wuye/contracts';
import { LOAD_FAILED, errorText, showError } from '../services/errors';
import { malformedAnswer } from '../services/http';

/** idle: nothing to load yet (no estate chosen). */
export type ListPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface PagedList<T> {
  phase: ListPhase;
  items: T[];
  nextCursor: string | null;
  errorMessage: string;
  loadingMore: boolean;
  /** The first page again. quiet: keep what is shown meanwhile; if that fails, keep it and say why in a toast. */
  reload: (quiet?: boolean) => Promise<void>;
  /** 加载更多: the next page by cursor, appended (an item already shown is not repeated). */
  loadMore: () => Promise<void>;
  /** Change the shown items in place (e.g. mark a message read). */
  update: (change: (items: T[]) => T[]) => void;
}

/** A page of the list as the API promises it; anything else shows as the list's error. */
async function fetchChecked<T>(fetch: (cursor?: string) => Promise<Page<T>>, cursor?: string): Promise<Page<T>> {
  const page = await fetch(cursor);
  if (!Array.isArray(page?.items) || (page.nextCursor !== null && typeof page.nextCursor !== 'string')) throw malformedAnswer();
  return page;
}

const idOf = (item: unknown) => (item && typeof item === 'object' && 'id' in item ? (item as { id: unknown }).id : undefined);

/**
 * A keyset-paginated list as the pages show it: loading, the error with 重试, 加载更多. Answers of an older first
 * page (the filter changed meanwhile) are dropped. `fetchPage` changes when the query does; null while there is
 * nothing to load (phase idle). With `reloadOn`, the first page loads on mount and whenever that value changes;
 * without it, the page calls reload() itself.
 */
export function usePagedList<T>(fetchPage: ((cursor?: string) => Promise<Page<T>>) | null, options: { reloadOn?: unknown } = {}): PagedList<T> {
  const [phase, setPhase] = useState<ListPhase>(fetchPage ? 'loading' : 'idle');
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
    const fetch = latestFetch.current;
    const current = ++generation.current;
    if (!fetch) {
      setPhase('idle');
      return;
    }
    if (!quiet) setPhase('loading');
    try {
      const page = await fetchChecked(fetch);
      if (current !== generation.current) return;
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setPhase('ready');
    } catch (error) {
      if (current !== generation.current) return;
      if (quiet && shownCount.current > 0) {
        showError(error);
        return;
      }
      setErrorMessage(errorText(error, LOAD_FAILED));
      setPhase('error');
    }
  }, []);

  const { reloadOn } = options;
  const reloads = 'reloadOn' in options;
  useEffect(() => {
    if (reloads) void reload();
  }, [reloads, reloadOn, reload]);

  const loadMore = async () => {
    const fetch = latestFetch.current;
    if (!fetch || nextCursor === null || loadingMore) return;
    const current = generation.current;
    setLoadingMore(true);
    try {
      const page = await fetchChecked(fetch, nextCursor);
      if (current !== generation.current) return;
      setItems((shown) => {
        const seen = new Set<unknown>(shown.map(idOf).filter((id) => id !== undefined));
        return [...shown, ...page.items.filter((item) => idOf(item) === undefined || !seen.has(idOf(item)))];
      });
      setNextCursor(page.nextCursor);
    } catch (error) {
      if (current === generation.current) showError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const update = useCallback((change: (shown: T[]) => T[]) => setItems(change), []);

  return { phase, items, nextCursor, errorMessage, loadingMore, reload, loadMore, update };
}
