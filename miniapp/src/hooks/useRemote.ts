import { useCallback, useEffect, useRef, useState } from 'react';
import { endExpiredSession, isSignedOutError } from '../services/auth';
import { ApiError } from '../services/http';

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
