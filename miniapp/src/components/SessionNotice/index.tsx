import type { SessionGate } from '../../hooks/useSession';
import StatusNotice from '../StatusNotice';

/** What a page that needs a session shows without one: progress, the failure with 重试, or 登录. */
export default function SessionNotice({ gate, purpose }: { gate: SessionGate; purpose: string }) {
  if (gate.phase === 'signing-in') return <StatusNotice className="session-signing-in" title="正在登录…" />;
  if (gate.phase === 'failed') {
    return <StatusNotice className="session-failed" title="登录没有成功" text={gate.message} actionText="重试" onAction={gate.signIn} />;
  }
  if (gate.phase === 'signed-out') {
    return <StatusNotice className="session-signed-out" title="您还没有登录" text={purpose} actionText="登录" onAction={gate.signIn} />;
  }
  return null;
}
