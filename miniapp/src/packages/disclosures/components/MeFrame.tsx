import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { MeView } from '@wuye/contracts';
import SessionNotice from '../../../components/SessionNotice';
import StatusNotice from '../../../components/StatusNotice';
import type { MeState } from '../../../hooks/useMe';
import type { SessionGate } from '../../../hooks/useSession';
import './disclosure.scss';

/** A page that needs the signed-in user: the sign-in, loading or failure notice until there is one. */
export default function MeFrame({ className, gate, meState, purpose, children }: { className: string; gate: SessionGate; meState: MeState; purpose: string; children: (me: MeView) => ReactNode }) {
  let body: ReactNode;
  if (gate.phase !== 'signed-in') body = <SessionNotice gate={gate} purpose={purpose} />;
  else if (meState.phase === 'error') body = <StatusNotice className="me-load-error" title="没能加载您的身份" text={meState.errorMessage} actionText="重试" onAction={() => void meState.reload()} />;
  else if (meState.phase !== 'ready' || !meState.me) body = <StatusNotice className="page-loading" title="正在加载…" />;
  else body = children(meState.me);
  return <View className={`page ${className}`}>{body}</View>;
}
