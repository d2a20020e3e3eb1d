import { useCallback } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { DisclosureView } from '@wuye/contracts';
import { useRemote, type Remote } from '../../../hooks/useRemote';
import { useShownAgain } from '../../../hooks/useShownAgain';
import { getDisclosure } from '../../../services/disclosures';

/**
 * One disclosure, loaded on open and again (quietly) on each return to the page and on pull-down: answers,
 * reviews and sign-offs happen while the reader is away. A quiet reload that fails keeps what is shown.
 */
export function useDisclosure(id: number): Remote<DisclosureView> {
  const remote = useRemote(useCallback(() => getDisclosure(id), [id]));
  const { phase, reload } = remote;
  useShownAgain(() => {
    if (phase === 'ready') void reload(true);
  });
  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });
  return remote;
}
