import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { TICKET_STATE_LABELS, type EscalationView } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import SessionNotice from '../../../../components/SessionNotice';
import StatusNotice from '../../../../components/StatusNotice';
import { useSession } from '../../../../hooks/useSession';
import { ESCALATIONS_PAGE, OVERSIGHT_TICKET_PAGE } from '../../../../routes';
import { endExpiredSession, isSignedOutError } from '../../../../services/auth';
import { ApiError, showApiError } from '../../../../services/http';
import { listEscalations } from '../../../../services/oversight';
import { formatShanghaiDateTime } from '../../../../utils/time';
import '../../oversight.scss';

type Phase = 'loading' | 'ready' | 'error';
type Tab = { state: 'open' | 'closed'; label: string };
const TABS: Tab[] = [
  { state: 'open', label: '督办中' },
  { state: 'closed', label: '已结束' },
];

const messageOf = (error: unknown) => (error instanceof ApiError ? error.message : '加载失败，请稍后重试');

/** 督办队列: the escalated and overdue tickets of the office's estates, newest first. */
export default function EscalationQueue() {
  const gate = useSession({ returnTo: ESCALATIONS_PAGE });
  const [tab, setTab] = useState<Tab>(TABS[0]);
  const [phase, setPhase] = useState<Phase>('loading');
  const [items, setItems] = useState<EscalationView[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [errorMessage, setErrorMessage] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);
  const shown = useRef(false);
  const signedIn = gate.phase === 'signed-in';

  const load = useCallback(
    async (quiet = false) => {
      const current = ++generation.current;
      if (!quiet) setPhase('loading');
      try {
        const page = await listEscalations({ state: tab.state });
        if (current !== generation.current) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setPhase('ready');
      } catch (error) {
        if (current !== generation.current) return;
        if (isSignedOutError(error)) endExpiredSession();
        setErrorMessage(messageOf(error));
        setPhase('error');
      }
    },
    [tab],
  );

  useEffect(() => {
    if (signedIn) void load();
  }, [signedIn, load]);

  // Back from a ticket whose 督办 was just closed: the queue shows what is still open.
  useDidShow(() => {
    if (shown.current && signedIn) void load(true);
    shown.current = true;
  });

  usePullDownRefresh(() => {
    void (signedIn ? load(true) : Promise.resolve()).finally(() => Taro.stopPullDownRefresh());
  });

  const loadMore = async () => {
    if (nextCursor === null || loadingMore) return;
    const current = generation.current;
    setLoadingMore(true);
    try {
      const page = await listEscalations({ state: tab.state, cursor: nextCursor });
      if (current !== generation.current) return;
      setItems((list) => [...list, ...page.items.filter((e) => !list.some((s) => s.id === e.id))]);
      setNextCursor(page.nextCursor);
    } catch (error) {
      showApiError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  if (!signedIn) {
    return (
      <View className="page ov-page">
        <SessionNotice gate={gate} purpose="登录后查看督办队列。" />
      </View>
    );
  }

  return (
    <View className="page ov-page ov-queue">
      <ChoiceChips
        className="ov-queue-tabs"
        itemClassName="ov-queue-tab"
        items={TABS}
        keyOf={(t) => t.state}
        labelOf={(t) => t.label}
        isSelected={(t) => t.state === tab.state}
        onChoose={setTab}
      />
      {phase === 'loading' ? <StatusNotice className="ov-loading" title="正在加载…" /> : null}
      {phase === 'error' ? <StatusNotice className="ov-error" title="督办队列没能加载" text={errorMessage} actionText="重试" onAction={() => void load()} /> : null}
      {phase === 'ready' && items.length === 0 ? (
        <StatusNotice
          className="ov-queue-empty"
          title={tab.state === 'open' ? '没有待督办的工单' : '还没有结束的督办'}
          text="工单超过响应或办结期限、或业主申诉时，会自动提请社区督办并出现在这里。"
        />
      ) : null}
      {phase === 'ready' && items.length > 0 ? (
        <View className="card ov-queue-list">
          {items.map((e) => (
            <View key={e.id} className="ov-row ov-queue-item" onClick={() => void Taro.navigateTo({ url: `${OVERSIGHT_TICKET_PAGE}?id=${e.ticket.id}` })}>
              <View className="ov-row-main">
                <View className="ov-row-title wrap-text">
                  #{e.ticket.id} {e.communityName} · {e.ticket.categoryName}
                  <Text className="badge badge-rejected ov-queue-reason">{e.reasonLabel}</Text>
                </View>
                <View className="wrap-text ov-queue-summary">{e.ticket.summary}</View>
                <View className="ov-facts">
                  <Text className="ov-fact">{TICKET_STATE_LABELS[e.ticket.state]}</Text>
                  <Text className="ov-fact">提请于 {formatShanghaiDateTime(e.createdAt)}</Text>
                  <Text className="ov-fact">{e.deadlineAt ? `督办期限 ${formatShanghaiDateTime(e.deadlineAt)}` : '未设督办期限'}</Text>
                  {e.closingNote ? <Text className="ov-fact wrap-text">结束：{e.closingNote}</Text> : null}
                </View>
              </View>
              <Text className="link-arrow">›</Text>
            </View>
          ))}
        </View>
      ) : null}
      {phase === 'ready' && nextCursor !== null ? (
        <Button className="button button-block ov-more" disabled={loadingMore || undefined} onClick={() => void loadMore()}>
          {loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}
