import { Button, View } from '@tarojs/components';
import type { SessionGate } from '../../hooks/useSession';
import SessionNotice from '../SessionNotice';
import StatusNotice from '../StatusNotice';
import type { ListPhase, PagedList } from '../../hooks/usePagedList';
import type { RemotePhase } from '../../hooks/useRemote';

/** 正在加载… or what failed with 重试, in place of the content; nothing once it is there. */
export function RemoteStatus({ phase, errorTitle, errorMessage, onRetry }: { phase: RemotePhase | ListPhase; errorTitle: string; errorMessage: string; onRetry: () => void }) {
  if (phase === 'loading') return <StatusNotice className="ov-loading" title="正在加载…" />;
  if (phase === 'error') return <StatusNotice className="ov-error" title={errorTitle} text={errorMessage} actionText="重试" onAction={onRetry} />;
  return null;
}

/** 加载更多 under a list while there is a next page; disabled while it loads. */
export function LoadMore({ list }: { list: Pick<PagedList<unknown>, 'phase' | 'nextCursor' | 'loadingMore' | 'loadMore'> }) {
  if (list.phase !== 'ready' || list.nextCursor === null) return null;
  return (
    <Button className="button button-block ov-more" disabled={list.loadingMore || undefined} onClick={() => void list.loadMore()}>
      {list.loadingMore ? '正在加载…' : '加载更多'}
    </Button>
  );
}

/** The whole page while there is no session: progress, the failure with 重试, or 登录. */
export function SignedOutPage({ gate, purpose }: { gate: SessionGate; purpose: string }) {
  return (
    <View className="page ov-page">
      <SessionNotice gate={gate} purpose={purpose} />
    </View>
  );
}
