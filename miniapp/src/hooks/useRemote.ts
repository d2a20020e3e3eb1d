import { useCallback, useEffect, useRef, useState } from 'react';
import { LOAD_FAILED, errorText } from '../services/errors';

export type RemotePhase = 'loading' | 'ready' | 'error';

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
        setErrorMessage(errorText(error, LOAD_FAILED));
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
