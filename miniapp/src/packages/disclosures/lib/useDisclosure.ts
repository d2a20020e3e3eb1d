import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { DisclosureView } from '@wuye/contracts';
import { getDisclosure } from '../../../services/disclosures';
import { LOAD_FAILED, errorText } from '../../../services/errors';

export type DisclosurePhase = { name: 'loading' } | { name: 'error'; message: string } | { name: 'ready'; view: DisclosureView };

/**
 * One disclosure, loaded on open and again (quietly) on each return to the page and on pull-down: answers,
 * reviews and sign-offs happen while the reader is away. A quiet reload that fails keeps what is shown.
 */
export function useDisclosure(id: number): { phase: DisclosurePhase; load: (quiet?: boolean) => Promise<void>; show: (view: DisclosureView) => void } {
  const [phase, setPhase] = useState<DisclosurePhase>({ name: 'loading' });
  const shown = useRef(false);

  const load = useCallback(
    async (quiet = false) => {
      if (!quiet) setPhase({ name: 'loading' });
      try {
        const view = await getDisclosure(id);
        setPhase({ name: 'ready', view });
        shown.current = true;
      } catch (error) {
        const message = errorText(error, LOAD_FAILED);
        if (!quiet || !shown.current) setPhase({ name: 'error', message });
        else void Taro.showToast({ title: message, icon: 'none', duration: 3000 });
      }
    },
    [id],
  );

  useEffect(() => {
    void load();
  }, [load]);
  useDidShow(() => {
    if (shown.current) void load(true);
  });
  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh());
  });

  const show = useCallback((view: DisclosureView) => setPhase({ name: 'ready', view }), []);
  return { phase, load, show };
}
