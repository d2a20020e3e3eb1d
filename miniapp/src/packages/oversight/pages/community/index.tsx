import { useCallback, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { OPEN_TICKET_STATES } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useSession } from '../../../../hooks/useSession';
import { ANNOUNCEMENTS_PAGE, COMMITTEE_EVALUATION_PAGE, OVERSIGHT_COMMUNITY_PAGE, OVERSIGHT_TICKET_PAGE, PROXY_REPORT_PAGE, STAR_RATING_PAGE } from '../../../../routes';
import { getStarRatings } from '../../../../services/oversight';
import { listTickets } from '../../../../services/tickets';
import { LoadMore, RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import TicketCard from '../../../../components/TicketCard';
import { canHandleEscalations, canRate, oversightRoles, percent, ratingLabel } from '../../lib/format';
import { useRemote } from '../../../../hooks/useRemote';
import { usePagedList } from '../../../../hooks/usePagedList';
import '../../oversight.scss';

type Filter = { key: 'overdue' | 'open' | 'all'; label: string };

const FILTERS: Filter[] = [
  { key: 'overdue', label: '逾期未办' },
  { key: 'open', label: '未办结' },
  { key: 'all', label: '全部' },
];

const queryOf = (filter: Filter['key']) => (filter === 'overdue' ? { overdue: true } : filter === 'open' ? { state: OPEN_TICKET_STATES } : {});

/** One estate seen from oversight: its star rating and indicators, and its tickets (overdue first). */
export default function OversightCommunity() {
  const { params } = useRouter();
  const communityId = Number(params.communityId);
  const name = params.name ? decodeURIComponent(params.name) : '';
  const gate = useSession({ returnTo: `${OVERSIGHT_COMMUNITY_PAGE}?communityId=${communityId}` });
  const { me } = useMe(gate.phase);
  const [filter, setFilter] = useState<Filter>(FILTERS[0]);
  const signedIn = gate.phase === 'signed-in';
  const fetchPage = useCallback(
    (cursor?: string) => listTickets({ view: 'oversight', communityId, ...queryOf(filter.key), cursor, limit: 20 }),
    [communityId, filter],
  );
  const list = usePagedList(signedIn ? fetchPage : null, { reloadOn: signedIn ? fetchPage : null });
  const { phase, items } = list;

  const loadRatings = useCallback(() => getStarRatings(communityId), [communityId]);
  const rated = useRemote(loadRatings, { enabled: signedIn });
  const ratings = rated.data;

  usePullDownRefresh(() => {
    void (signedIn ? list.reload(true) : Promise.resolve()).finally(() => Taro.stopPullDownRefresh());
  });

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后查看小区的工单。" />;

  const latest = ratings?.latest;
  const shownName = name || items[0]?.communityName || '小区';

  return (
    <View className="page ov-page ov-community-page">
      <View className="ov-header">
        <View className="ov-title ov-community-title">{shownName}</View>
        {me && canHandleEscalations(me) ? (
          <Button
            className="button button-small button-primary ov-open-proxy"
            onClick={() => void Taro.navigateTo({ url: `${PROXY_REPORT_PAGE}?communityId=${communityId}&name=${encodeURIComponent(shownName)}&inspection=1` })}
          >
            代报
          </Button>
        ) : null}
        {me?.roles.some((r) => r.role === 'community_office') ? (
          // 社区 posts announcements to the estates of its area from here (公告, with read counts of its own).
          <Button className="button button-small ov-open-announcements" onClick={() => void Taro.navigateTo({ url: `${ANNOUNCEMENTS_PAGE}?communityId=${communityId}&name=${encodeURIComponent(shownName)}` })}>
            公告
          </Button>
        ) : null}
        {me && oversightRoles(me).length > 0 ? (
          // 业委会履职考评: the office records it; regulators read it.
          <Button className="button button-small ov-open-committee" onClick={() => void Taro.navigateTo({ url: `${COMMITTEE_EVALUATION_PAGE}?communityId=${communityId}&name=${encodeURIComponent(shownName)}` })}>
            业委会考评
          </Button>
        ) : null}
      </View>
      <View className="ov-columns">
        <View className="ov-column ov-column-tickets">
          <ChoiceChips className="ov-ticket-filters" itemClassName="ov-ticket-filter" items={FILTERS} chosen={filter.key} onChoose={setFilter} />
          <RemoteStatus phase={phase} errorTitle="工单没能加载" errorMessage={list.errorMessage} onRetry={() => void list.reload()} />
          {phase === 'ready' && items.length === 0 ? (
            <StatusNotice className="ov-tickets-empty" title={filter.key === 'overdue' ? '没有逾期未办的工单' : '没有工单'} text="换一个筛选条件看看。" />
          ) : null}
          {phase === 'ready' && items.length > 0 ? (
            <View className="ov-tickets">
              {items.map((ticket) => (
                <TicketCard key={ticket.id} ticket={ticket} audience="oversight" className="ov-ticket" onOpen={() => void Taro.navigateTo({ url: `${OVERSIGHT_TICKET_PAGE}?id=${ticket.id}` })} />
              ))}
            </View>
          ) : null}
          <LoadMore list={list} />
        </View>
        <View className="ov-column ov-column-rating">
          <View className="card ov-rating-summary">
            <View className="card-title">星级评定</View>
            {latest ? (
              <View>
                <View className="ov-stars ov-latest-stars">{ratingLabel(latest)}</View>
                <View className="muted wrap-text">{latest.reason}</View>
              </View>
            ) : rated.phase === 'error' ? (
              <View className="form-error ov-rating-load-error">星级信息没能加载：{rated.errorMessage}</View>
            ) : rated.phase === 'ready' ? (
              <View className="muted">还没有评定记录。</View>
            ) : null}
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
