import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { OPEN_TICKET_STATES, type TicketSummary } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import SessionNotice from '../../../../components/SessionNotice';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useSession } from '../../../../hooks/useSession';
import { OVERSIGHT_COMMUNITY_PAGE, OVERSIGHT_TICKET_PAGE, STAR_RATING_PAGE } from '../../../../routes';
import { endExpiredSession, isSignedOutError } from '../../../../services/auth';
import { ApiError, showApiError } from '../../../../services/http';
import { getStarRatings, listOversightTickets, type CommunityStarRatings } from '../../../../services/oversight';
import TicketRow from '../../components/TicketRow';
import { canRate, percent, starsLabel } from '../../lib/format';
import '../../oversight.scss';

type Phase = 'loading' | 'ready' | 'error';
type Filter = { key: 'overdue' | 'open' | 'all'; label: string };

const FILTERS: Filter[] = [
  { key: 'overdue', label: '逾期未办' },
  { key: 'open', label: '未办结' },
  { key: 'all', label: '全部' },
];

const messageOf = (error: unknown) => (error instanceof ApiError ? error.message : '加载失败，请稍后重试');

const queryOf = (filter: Filter['key']) =>
  filter === 'overdue' ? { overdue: true } : filter === 'open' ? { state: OPEN_TICKET_STATES.join(',') } : {};

/** One estate seen from oversight: its star rating and indicators, and its tickets (overdue first). */
export default function OversightCommunity() {
  const { params } = useRouter();
  const communityId = Number(params.communityId);
  const name = params.name ? decodeURIComponent(params.name) : '';
  const gate = useSession({ returnTo: `${OVERSIGHT_COMMUNITY_PAGE}?communityId=${communityId}` });
  const { me } = useMe(gate.phase);
  const [filter, setFilter] = useState<Filter>(FILTERS[0]);
  const [phase, setPhase] = useState<Phase>('loading');
  const [items, setItems] = useState<TicketSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [errorMessage, setErrorMessage] = useState('');
  const [ratings, setRatings] = useState<CommunityStarRatings | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);
  const signedIn = gate.phase === 'signed-in';

  const load = useCallback(
    async (quiet = false) => {
      const current = ++generation.current;
      if (!quiet) setPhase('loading');
      try {
        const page = await listOversightTickets(communityId, queryOf(filter.key));
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
    [communityId, filter],
  );

  useEffect(() => {
    if (signedIn) void load();
  }, [signedIn, load]);

  useEffect(() => {
    if (!signedIn) return;
    getStarRatings(communityId)
      .then(setRatings)
      .catch(() => setRatings(null));
  }, [signedIn, communityId]);

  usePullDownRefresh(() => {
    void (signedIn ? load(true) : Promise.resolve()).finally(() => Taro.stopPullDownRefresh());
  });

  const loadMore = async () => {
    if (nextCursor === null || loadingMore) return;
    const current = generation.current;
    setLoadingMore(true);
    try {
      const page = await listOversightTickets(communityId, { ...queryOf(filter.key), cursor: nextCursor });
      if (current !== generation.current) return;
      setItems((shown) => [...shown, ...page.items.filter((t) => !shown.some((s) => s.id === t.id))]);
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
        <SessionNotice gate={gate} purpose="登录后查看小区的工单。" />
      </View>
    );
  }

  const latest = ratings?.history[0];
  const shownName = name || items[0]?.communityName || '小区';

  return (
    <View className="page ov-page ov-community-page">
      <View className="ov-header">
        <View className="ov-title ov-community-title">{shownName}</View>
      </View>
      <View className="ov-columns">
        <View className="ov-column ov-column-tickets">
          <ChoiceChips
            className="ov-ticket-filters"
            itemClassName="ov-ticket-filter"
            items={FILTERS}
            keyOf={(f) => f.key}
            labelOf={(f) => f.label}
            isSelected={(f) => f.key === filter.key}
            onChoose={setFilter}
          />
          {phase === 'loading' ? <StatusNotice className="ov-loading" title="正在加载…" /> : null}
          {phase === 'error' ? <StatusNotice className="ov-error" title="工单没能加载" text={errorMessage} actionText="重试" onAction={() => void load()} /> : null}
          {phase === 'ready' && items.length === 0 ? (
            <StatusNotice className="ov-tickets-empty" title={filter.key === 'overdue' ? '没有逾期未办的工单' : '没有工单'} text="换一个筛选条件看看。" />
          ) : null}
          {phase === 'ready' && items.length > 0 ? (
            <View className="card ov-tickets">
              {items.map((ticket) => (
                <TicketRow key={ticket.id} ticket={ticket} onOpen={() => void Taro.navigateTo({ url: `${OVERSIGHT_TICKET_PAGE}?id=${ticket.id}` })} />
              ))}
            </View>
          ) : null}
          {phase === 'ready' && nextCursor !== null ? (
            <Button className="button button-block ov-more" disabled={loadingMore || undefined} onClick={() => void loadMore()}>
              {loadingMore ? '正在加载…' : '加载更多'}
            </Button>
          ) : null}
        </View>
        <View className="ov-column ov-column-rating">
          <View className="card ov-rating-summary">
            <View className="card-title">星级评定</View>
            {latest ? (
              <View>
                <View className="ov-stars ov-latest-stars">
                  {latest.year}年度 {starsLabel(latest.stars)}
                </View>
                <View className="muted wrap-text">{latest.reason}</View>
              </View>
            ) : (
              <View className="muted">还没有评定记录。</View>
            )}
            {ratings ? (
              <View className="ov-facts">
                <Text className="ov-fact">今年工单 {ratings.indicators.tickets}</Text>
                <Text className="ov-fact">满意率 {percent(ratings.indicators.satisfactionRate)}</Text>
                <Text className="ov-fact">按时办结 {percent(ratings.indicators.onTimeResolutionRate)}</Text>
                <Text className="ov-fact">公示合规 {percent(ratings.indicators.disclosureComplianceRate)}</Text>
              </View>
            ) : null}
            {me && canRate(me) ? (
              <Button
                className="button button-small ov-open-rating"
                onClick={() => void Taro.navigateTo({ url: `${STAR_RATING_PAGE}?communityId=${communityId}&name=${encodeURIComponent(shownName)}` })}
              >
                星级评定
              </Button>
            ) : null}
          </View>
        </View>
      </View>
    </View>
  );
}
