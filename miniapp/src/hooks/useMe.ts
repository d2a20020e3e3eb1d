import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { MeView } from '@wuye/contracts';
import { endExpiredSession, isSignedOutError } from '../services/auth';
import { LOAD_FAILED, errorText, showError } from '../services/errors';
import { getMe } from '../services/me';
import type { SessionPhase } from './useSession';

export type MePhase = 'idle' | 'loading' | 'ready' | 'error';

export interface MeState {
  phase: MePhase;
  me: MeView | null;
  errorMessage: string;
  /** quiet: keep what is shown while loading; a failure then only shows a toast. */
  reload: (quiet?: boolean) => Promise<void>;
  /** Replace the shown user with an answer that already holds it (e.g. after binding a phone). */
  replace: (me: MeView) => void;
}

/**
 * The signed-in user (GET /me), loaded once the session exists and again whenever the page is shown (returning
 * from a form). A 401 that survived the token refresh ends the session: the page then offers the sign-in.
 */
export function useMe(sessionPhase: SessionPhase): MeState {
  const [phase, setPhase] = useState<MePhase>('idle');
  const [me, setMe] = useState<MeView | null>(null);
  const [errorMessage, setErrorMessage] = useState('');
  const inFlight = useRef<Promise<void> | null>(null);
  const shown = useRef<MeView | null>(null);
  shown.current = me;
  const signedIn = sessionPhase === 'signed-in';

  const reload = useCallback((quiet = false): Promise<void> => {
    inFlight.current ??= (async () => {
      if (!quiet || !shown.current) setPhase('loading');
      try {
        const answer = await getMe();
        setMe(answer);
        setPhase('ready');
      } catch (error) {
        if (isSignedOutError(error)) {
          setMe(null);
          setPhase('idle');
          endExpiredSession();
        } else if (quiet && shown.current) {
          showError(error);
        } else {
          setErrorMessage(errorText(error, LOAD_FAILED));
          setPhase('error');
        }
      }
    })().finally(() => {
      inFlight.current = null;
    });
    return inFlight.current;
  }, []);

  useEffect(() => {
    if (signedIn) {
      void reload();
    } else {
      setMe(null);
      setPhase('idle');
    }
  }, [signedIn, reload]);

  useDidShow(() => {
    if (signedIn && shown.current) void reload(true);
  });

  const replace = useCallback((next: MeView) => {
    setMe(next);
    setPhase('ready');
  }, []);

  return { phase, me, errorMessage, reload, replace };
}
