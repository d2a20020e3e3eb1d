import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import SessionNotice from '../SessionNotice';
import StatusNotice from '../StatusNotice';
import type { MeState } from '../../hooks/useMe';
import type { SessionGate } from '../../hooks/useSession';

/**
 * For a page that needs the signed-in user: the whole page (`page <className>`) while there is none yet — sign-in,
 * loading, or the failure with 重试 — and null once `meState.me` is there.
 */
export default function meNotice(className: string, gate: SessionGate, meState: MeState, purpose: string): ReactNode | null {
  let notice: ReactNode;
  if (gate.phase !== 'signed-in') notice = <SessionNotice gate={gate} purpose={purpose} />;
  else if (meState.phase === 'error') notice = <StatusNotice className="me-load-error" title="没能加载您的身份" text={meState.errorMessage} actionText="重试" onAction={() => void meState.reload()} />;
  else if (meState.phase !== 'ready' || !meState.me) notice = <StatusNotice className="page-loading" title="正在加载…" />;
  else return null;
  return <View className={`page ${className}`}>{notice}</View>;
}
