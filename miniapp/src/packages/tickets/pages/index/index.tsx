import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { shanghaiDateTime, TICKET_KIND_LABELS } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import SessionNotice from '../../../../components/SessionNotice';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useSession } from '../../../../hooks/useSession';
import { BIND_PAGE, TICKETS_PAGE, TICKET_REPORT_PAGE, ticketDetailPage } from '../../../../routes';
import { discardReport, flushOutbox, onOutboxChange, pendingReports, sendReport, type OutboxEntry } from '../../../../services/outbox';
import { onNetworkBack } from '../../../../services/network';
import { sessionUserId } from '../../../../services/session';
import { TICKETS_PAGE_SIZE, listTickets } from '../../../../services/tickets';
import TicketCard from '../../../../components/TicketCard';
import { STATE_FILTERS, type StateFilter } from '../../format';
import { residentCommunities } from '../../residence';
import './index.scss';

type BoardView = 'mine' | 'community';

/** A report kept on the phone: 待发送 until it reaches the API (or the API's reason it was refused). */
function OutboxItem({ entry, onRetry, onDiscard }: { entry: OutboxEntry; onRetry: () => void; onDiscard: () => void }) {
  return (
    <View className="card outbox-item">
      <View className="ticket-card-head">
        <Text className="ticket-category">
          {entry.categoryName} · {TICKET_KIND_LABELS[entry.input.kind]}
        </Text>
        <Text className="badge badge-pending outbox-state">待发送</Text>
      </View>
      <View className="ticket-summary wrap-text">{entry.input.description}</View>
      <View className="muted wrap-text">
        {entry.communityName} · {shanghaiDateTime(entry.createdAt)}
        {entry.photos.length > 0 ? ` · ${entry.photos.length} 张照片` : ''}
      </View>
      {entry.error ? (
        <View className="form-error outbox-error">没有提交成功：{entry.error}</View>
      ) : (
        <View className="muted outbox-hint">已保存在手机上，有网络时会自动发送。</View>
      )}
      <View className="button-row">
        {entry.error ? null : (
          <Button className="button button-small outbox-retry" onClick={onRetry}>
            现在发送
          </Button>
        )}
        <Button className="button button-small button-danger outbox-discard" onClick={onDiscard}>
          删除
        </Button>
      </View>
    </View>
  );
}

/** 随手拍 home: 我的报事 (with reports still waiting on the phone) and the estate's board of public tickets. */
export default function TicketsHome() {
  const router = useRouter();
  const gate = useSession({ returnTo: TICKETS_PAGE });
  const { me, phase: mePhase, errorMessage: meError, reload: reloadMe } = useMe(gate.phase);
  const [view, setView] = useState<BoardView>(router.params.view === 'community' ? 'community' : 'mine');
  const [filter, setFilter] = useState<StateFilter>(STATE_FILTERS[0]);
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [waiting, setWaiting] = useState<OutboxEntry[]>([]);
  const meRef = useRef(me);
  meRef.current = me;

  const communities = me ? residentCommunities(me) : [];
  const boardCommunity = communityId ?? communities[0]?.id ?? null;
  // From the session itself, so reports waiting on the phone show (and go) even when /me cannot load offline.
  const userId = me?.id ?? (gate.phase === 'signed-in' ? sessionUserId() : null);

  // The board's estate matters only on the board: 我的报事 is not asked again when /me arrives.
  const shownBoard = view === 'community' ? boardCommunity : null;
  const query = useCallback(
    (cursor?: string) =>
      listTickets(
        view === 'mine'
          ? { view, state: filter.states, cursor, limit: TICKETS_PAGE_SIZE }
          : { view, communityId: shownBoard ?? undefined, cursor, limit: TICKETS_PAGE_SIZE },
      ),
    [view, filter, shownBoard],
  );
  const list = usePagedList(query);
  const { phase, items, nextCursor, errorMessage, loadingMore, reload: loadFirstPage } = list;

  const signedIn = gate.phase === 'signed-in';
  // Keyed on who is signed in and the query, not on each reload of /me (which useMe does on every show).
  useEffect(() => {
    if (signedIn && userId !== null) void loadFirstPage();
  }, [signedIn, userId, query, loadFirstPage]);

  // Reports waiting on the phone: shown at once, sent when the page shows and when the network returns.
  const sendWaiting = useCallback(async () => {
    if (userId === null || pendingReports(userId).every((entry) => entry.error)) return;
    const sent = await flushOutbox(userId);
    if (sent > 0) void loadFirstPage(true);
  }, [userId, loadFirstPage]);

  useEffect(() => {
    if (userId === null) return undefined;
    setWaiting(pendingReports(userId));
    const stopOutbox = onOutboxChange(() => setWaiting(pendingReports(userId)));
    const stopNetwork = onNetworkBack(() => {
      void sendWaiting();
      if (!meRef.current) void reloadMe();
    });
    void sendWaiting();
    return () => {
      stopOutbox();
      stopNetwork();
    };
  }, [userId, sendWaiting, reloadMe]);

  useDidShow(() => {
    if (!signedIn || userId === null) return;
    void sendWaiting();
    void loadFirstPage(true);
  });

  usePullDownRefresh(() => {
    const done = signedIn && userId !== null ? Promise.all([sendWaiting(), loadFirstPage(true), me ? undefined : reloadMe()]) : Promise.resolve();
    void done.finally(() => Taro.stopPullDownRefresh());
  });

  const retry = async (entry: OutboxEntry) => {
    const outcome = await sendReport(entry.key);
    if (outcome.status === 'sent') {
      void Taro.showToast({ title: '已提交', icon: 'success' });
      void loadFirstPage(true);
    } else if (outcome.status === 'waiting') {
      void Taro.showToast({ title: outcome.message, icon: 'none', duration: 3000 });
    }
  };

  const discard = async (entry: OutboxEntry) => {
    const answer = await Taro.showModal({ title: '删除这条报事', content: '删除后它不会再发送，也无法恢复。', confirmText: '删除', cancelText: '保留' });
    if (answer.confirm) discardReport(entry.key);
  };

  if (gate.phase !== 'signed-in') {
    return (
      <View className="page tickets">
        <SessionNotice gate={gate} purpose="登录后可以随手拍报事，并查看处理进度。" />
      </View>
    );
  }
  if (!me && (mePhase !== 'error' || userId === null)) {
    return (
      <View className="page tickets">
        {mePhase === 'error' ? (
          <StatusNotice className="tickets-me-error" title="没能加载您的信息" text={meError} actionText="重试" onAction={() => void reloadMe()} />
        ) : (
          <StatusNotice className="list-loading" title="正在加载…" />
        )}
      </View>
    );
  }

  const shownWaiting = view === 'mine' && filter.key === 'all' ? waiting : [];

  return (
    <View className="page tickets">
      {!me ? (
        <View className="form-error tickets-me-error">
          没能加载您的信息：{meError}
          <Button className="button button-small tickets-me-retry" onClick={() => void reloadMe()}>
            重试
          </Button>
        </View>
      ) : communities.length > 0 ? (
        <Button className="button button-primary button-block tickets-report" onClick={() => void Taro.navigateTo({ url: TICKET_REPORT_PAGE })}>
          随手拍 · 我要报事
        </Button>
      ) : (
        <View className="card tickets-no-house">
          <View className="wrap-text">绑定房屋后才能报事。请在“我的”中申请绑定房屋。</View>
          <Button className="button button-small tickets-bind" onClick={() => void Taro.navigateTo({ url: BIND_PAGE })}>
            申请绑定房屋
          </Button>
        </View>
      )}

      <View className="chips tickets-views">
        <View className={`chip tickets-view-mine${view === 'mine' ? ' chip-selected' : ''}`} onClick={() => setView('mine')}>
          我的报事
        </View>
        {communities.length > 0 ? (
          <View className={`chip tickets-view-community${view === 'community' ? ' chip-selected' : ''}`} onClick={() => setView('community')}>
            小区公告板
          </View>
        ) : null}
      </View>

      {view === 'mine' ? (
        <ChoiceChips className="tickets-filters" itemClassName="tickets-filter" items={STATE_FILTERS} chosen={filter.key} onChoose={setFilter} />
      ) : (
        <View>
          {communities.length > 1 ? (
            <ChoiceChips className="tickets-communities" itemClassName="tickets-community" items={communities} chosen={boardCommunity} onChoose={(item) => setCommunityId(item.id)} />
          ) : null}
          <View className="muted tickets-board-hint">公告板上是本小区公开的报事，报事人已隐去姓名；家中报修和投诉不会出现在这里。</View>
        </View>
      )}

      {shownWaiting.map((entry) => (
        <OutboxItem key={entry.key} entry={entry} onRetry={() => void retry(entry)} onDiscard={() => void discard(entry)} />
      ))}

      {phase === 'loading' ? <StatusNotice className="list-loading" title="正在加载…" /> : null}
      {phase === 'error' ? (
        <StatusNotice className="list-error" title="没能加载工单" text={errorMessage} actionText="重试" onAction={() => void loadFirstPage()} />
      ) : null}
      {phase === 'ready' && items.length === 0 && shownWaiting.length === 0 ? (
        <StatusNotice
          className="list-empty"
          title="暂无工单"
          text={view === 'mine' ? (filter.key === 'all' ? '您还没有报过事。看到小区里的问题，拍张照片报给物业吧。' : `没有“${filter.label}”的报事。`) : '小区里暂时没有公开的报事。'}
        />
      ) : null}
      {phase === 'ready'
        ? items.map((ticket) => (
            <TicketCard key={ticket.id} ticket={ticket} audience="resident" showReporter={view === 'community'} onOpen={() => void Taro.navigateTo({ url: ticketDetailPage(ticket.id) })} />
          ))
        : null}
      {phase === 'ready' && nextCursor !== null ? (
        <Button className="button button-block load-more" disabled={loadingMore || undefined} onClick={() => void list.loadMore()}>
          {loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}
