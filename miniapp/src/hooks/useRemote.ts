import { useCallback, useEffect, useRef, useState } from 'react';
import { LOAD_FAILED, errorText, showError } from '../services/errors';
import { ApiError, malformedAnswer } from '../services/http';

export type RemotePhase = 'loading' | 'ready' | 'error';

export interface RemoteOptions<T> {
  /** Load only while this holds (signed in, an estate chosen…); until then the phase stays 'loading'. Default: true. */
  enabled?: boolean;
  /**
   * Whether an answer has the shape the page reads. Anything else (a captive portal's page, an API of another
   * version) shows as the page's error with 重试, never as a blank page or a crash.
   */
  isValid?: (answer: T) => boolean;
}

export interface Remote<T> {
  phase: RemotePhase;
  data: T | null;
  errorMessage: string;
  /**
   * Loads again. quiet: keep what is shown meanwhile (pull-down, the page shown again, after an action); if that
   * fails, keep it and say why in a toast — unless the API says it is gone (404), which then shows as the error.
   */
  reload: (quiet?: boolean) => Promise<void>;
  /** Shows an answer that already holds the news (what an action answered); a load still on its way is dropped. */
  show: (data: T) => void;
}

/** Nothing shown is worth keeping once the API says it is not there (any more) for this user. */
const isGone = (error: unknown) => error instanceof ApiError && error.statusCode === 404;

/**
 * One answer of the API as a page shows it: loading, ready, or the error with its message (a session that ended
 * ends here too, see errorText). Loaded while `enabled` and again whenever `load` changes (memoise it with its
 * inputs); the answer of an older load (the inputs changed meanwhile, or show() came first) is dropped.
 */
export function useRemote<T>(load: () => Promise<T>, options: RemoteOptions<T> = {}): Remote<T> {
  const { enabled = true } = options;
  const [phase, setPhase] = useState<RemotePhase>('loading');
  const [data, setData] = useState<T | null>(null);
  const [errorMessage, setErrorMessage] = useState('');
  const generation = useRef(0);
  const shown = useRef(false);
  shown.current = phase === 'ready';
  const isValid = useRef(options.isValid);
  isValid.current = options.isValid;

  const reload = useCallback(
    async (quiet = false) => {
      const current = ++generation.current;
      if (!quiet) setPhase('loading');
      try {
        const answer = await load();
        if (isValid.current && !isValid.current(answer)) throw malformedAnswer();
        if (current !== generation.current) return;
        setData(answer);
        setPhase('ready');
      } catch (error) {
        if (current !== generation.current) return;
        if (quiet && shown.current && !isGone(error)) {
          showError(error);
          return;
        }
        setErrorMessage(errorText(error, LOAD_FAILED));
        setPhase('error');
      }
    },
    [load],
  );

  const show = useCallback((answer: T) => {
    generation.current++;
    setData(answer);
    setPhase('ready');
  }, []);

  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);

  return { phase, data, errorMessage, reload, show };
}
