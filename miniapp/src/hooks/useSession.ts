import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { SIGN_IN_PAGE } from '../routes';
import {
  currentPlatform,
  getWechatSignInState,
  hasSession,
  onSessionChange,
  signInWithWechat,
} from '../services/auth';

export type SessionPhase = 'signed-in' | 'signing-in' | 'failed' | 'signed-out';

export interface SessionGate {
  phase: SessionPhase;
  /** Why the WeChat sign-in failed (phase 'failed'). */
  message: string;
  /** WeChat: sign in again; H5: open the demo-account picker. */
  signIn: () => void;
}

function currentPhase(): { phase: SessionPhase; message: string } {
  if (hasSession()) return { phase: 'signed-in', message: '' };
  if (currentPlatform() === 'weapp') {
    const wechat = getWechatSignInState();
    if (wechat.phase === 'signing-in') return { phase: 'signing-in', message: '' };
    if (wechat.phase === 'failed') return { phase: 'failed', message: wechat.message };
  }
  return { phase: 'signed-out', message: '' };
}

export function signInPageUrl(returnTo?: string): string {
  return returnTo ? `${SIGN_IN_PAGE}?redirect=${encodeURIComponent(returnTo)}` : SIGN_IN_PAGE;
}

/**
 * Whether the page may call signed-in routes. `returnTo` (pages outside the tab bar): on H5 a page without a
 * session is replaced by the sign-in picker, which comes back here afterwards. On WeChat the launch signs in
 * silently; the page shows progress or the failure with a retry (see SessionNotice).
 */
export function useSession(options: { returnTo?: string } = {}): SessionGate {
  const [state, setState] = useState(currentPhase);
  const refresh = useCallback(() => {
    setState((shown) => {
      const next = currentPhase();
      return next.phase === shown.phase && next.message === shown.message ? shown : next;
    });
  }, []);

  useEffect(() => {
    const unsubscribe = onSessionChange(refresh);
    // The launch's sign-in may have ended between this page's first render and now.
    refresh();
    return unsubscribe;
  }, [refresh]);
  // Signing in happens on another page: look again whenever this one is shown.
  useDidShow(refresh);

  const { returnTo } = options;
  useEffect(() => {
    if (state.phase === 'signed-out' && returnTo && currentPlatform() === 'h5') {
      void Taro.redirectTo({ url: signInPageUrl(returnTo) });
    }
  }, [state.phase, returnTo]);

  const signIn = useCallback(() => {
    if (currentPlatform() === 'weapp') {
      signInWithWechat().catch(() => undefined);
    } else {
      void Taro.navigateTo({ url: signInPageUrl(returnTo) });
    }
  }, [returnTo]);

  return { phase: state.phase, message: state.message, signIn };
}
