import { useCallback, useEffect, useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { shanghaiDateTime, type NotificationView } from '@wuye/contracts';
import SessionNotice from '../../components/SessionNotice';
import StatusNotice from '../../components/StatusNotice';
import { usePagedList } from '../../hooks/usePagedList';
import { useRemote } from '../../hooks/useRemote';
import { useSession } from '../../hooks/useSession';
import { showError } from '../../services/errors';
import { listNotifications, markAllNotificationsRead, markNotificationRead, unreadNotificationCount } from '../../services/notifications';
import './index.scss';

const MESSAGES_TAB_INDEX = 1;


/** The red number on the 消息 tab; ignored where the tab bar is not shown (or not drawn by us). */
function showUnreadBadge(unread: number): void {
  try {
    const done = unread > 0 ? Taro.setTabBarBadge({ index: MESSAGES_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) }) : Taro.removeTabBarBadge({ index: MESSAGES_TAB_INDEX });
    void Promise.resolve(done).catch(() => undefined);
  } catch {
    // No tab bar on this page stack: nothing to mark.
  }
}

/** 消息: ticket and disclosure updates, newest first; tapping one opens the page where the reader can act. */
export default function Messages() {
  const gate = useSession();
  const list = usePagedList(listNotifications);
  const { phase, items, nextCursor, errorMessage, loadingMore } = list;
  const shownPhase = useRef(phase);
  shownPhase.current = phase;
  const signedIn = gate.phase === 'signed-in';

  // The list shows a failure; the count behind the badge can wait for the next time (null: not known).
  const unreadOf = useRemote(
    useCallback(() => unreadNotificationCount().then((answer) => answer.unread, () => null), []),
    { enabled: signedIn },
  );
  const unread = unreadOf.data ?? 0;
  const setUnread = unreadOf.show;
  useEffect(() => {
    if (unreadOf.data !== null) showUnreadBadge(unreadOf.data);
  }, [unreadOf.data]);

  const { reload } = list;
  const reloadUnread = unreadOf.reload;
  const loadFirstPage = useCallback(
    (quiet = false) => {
      void reloadUnread(true);
      return reload(quiet);
    },
    [reloadUnread, reload],
  );

  useEffect(() => {
    if (signedIn) void reload();
  }, [signedIn, reload]);

  // Coming back to the tab: new messages may have arrived meanwhile.
  useDidShow(() => {
    if (signedIn && shownPhase.current === 'ready') void loadFirstPage(true);
  });

  usePullDownRefresh(() => {
    const done = signedIn ? loadFirstPage(true) : Promise.resolve();
    void done.finally(() => Taro.stopPullDownRefresh());
  });

  const open = (item: NotificationView) => {
    if (!item.read) {
      list.update((shown) => shown.map((n) => (n.id === item.id ? { ...n, read: true } : n)));
      setUnread(Math.max(0, unread - 1));
      markNotificationRead(item.id).catch(() => undefined);
    }
    // The page where the reader can act on it, as the API says (a 新工单 opens 受理, a 待审核 the review).
    void Taro.navigateTo({ url: `/${item.page}` });
  };

  const readAll = async () => {
    try {
      await markAllNotificationsRead();
      list.update((shown) => shown.map((n) => ({ ...n, read: true })));
      setUnread(0);
    } catch (error) {
      showError(error);
    }
  };

  if (!signedIn) {
    return (
      <View className="page messages">
        <SessionNotice gate={gate} purpose="登录后可以在这里看到报事的受理、办结等提醒。" />
      </View>
    );
  }

  return (
    <View className="page messages">
      {unread > 0 ? (
        <View className="messages-head">
          <Text className="messages-unread">{unread} 条未读</Text>
          <Button className="button button-small messages-read-all" onClick={() => void readAll()}>
            全部已读
          </Button>
        </View>
      ) : null}
      {phase === 'loading' ? <StatusNotice className="list-loading" title="正在加载…" /> : null}
      {phase === 'error' ? (
        <StatusNotice className="list-error" title="消息没能加载" text={errorMessage} actionText="重试" onAction={() => void loadFirstPage()} />
      ) : null}
      {phase === 'ready' && items.length === 0 ? (
        <StatusNotice className="messages-empty" title="暂无消息" text="报事被受理、有了处理结果或需要您评价时，会在这里提醒您。" />
      ) : null}
      {phase === 'ready' && items.length > 0 ? (
        <View className="card messages-list">
          {items.map((item) => (
            <View key={item.id} className={`link-row message${item.read ? '' : ' message-unread'}`} onClick={() => open(item)}>
              <View className="link-main">
                <View className="link-title wrap-text">
                  {item.read ? null : <Text className="badge badge-rejected message-new">未读</Text>}
                  <Text className="message-title">{item.title}</Text>
                </View>
                <View className="wrap-text message-body">{item.body}</View>
                <View className="muted">{shanghaiDateTime(item.createdAt)}</View>
              </View>
              <Text className="link-arrow">›</Text>
            </View>
          ))}
        </View>
      ) : null}
      {phase === 'ready' && nextCursor !== null ? (
        <Button className="button button-block load-more" disabled={loadingMore || undefined} onClick={() => void list.loadMore()}>
          {loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}
