import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { MeView } from '@wuye/contracts';
import meNotice from '../../../components/MeNotice';
import type { MeState } from '../../../hooks/useMe';
import type { SessionGate } from '../../../hooks/useSession';
import './disclosure.scss';

/** A page that needs the signed-in user: the sign-in, loading or failure notice until there is one. */
export default function MeFrame({ className, gate, meState, purpose, children }: { className: string; gate: SessionGate; meState: MeState; purpose: string; children: (me: MeView) => ReactNode }) {
  const notice = meNotice(className, gate, meState, purpose);
  if (notice || !meState.me) return notice;
  return <View className={`page ${className}`}>{children(meState.me)}</View>;
}
