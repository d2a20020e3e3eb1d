import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { MEDIATION_OUTCOME_LABELS, MEETING_ITEM_STATE_LABELS, MEETING_KIND_LABELS, shanghaiDate, type MediationView, type MeetingItemView, type MeetingView, type Page, type ReferralView } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import { LoadMore, RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useSession } from '../../../../hooks/useSession';
import { LIAISONS_PAGE, MEETING_FORM_PAGE, MEETING_STATS_PAGE, MEETINGS_PAGE, OVERSIGHT_TICKET_PAGE, mediationPage, meetingPage } from '../../../../routes';
import { listMediations, listMeetingItems, listMeetings, listTownReferrals } from '../../../../services/meetings';
import '../../meetings.scss';

type TabKey = 'meetings' | 'overdue' | 'mediations' | 'town';
const TABS: { key: TabKey; label: string }[] = [
  { key: 'meetings', label: '会议记录' },
  { key: 'overdue', label: '逾期督办' },
  { key: 'mediations', label: '矛盾调解' },
  // 大事不出社区: what offices sent up to the town (the town regulator's queue).
  { key: 'town', label: '上报到镇' },
];
const EMPTY: Record<TabKey, string> = { meetings: '还没有联席会议记录', overdue: '没有逾期的议定事项', mediations: '还没有调解记录', town: '没有上报到镇的督办' };
/** Who records meetings (the API decides; this only shows the entry to those it would let). */
const KEEPER_ROLES = ['community_office', 'regulator', 'platform_admin'];

/**
 * 联席会议: the meetings of the caller's estates, newest first, the agreed items past their deadline (督办), the
 * mediations, and the 督办 sent up to the town (a town regulator's queue).
 */
export default function MeetingsHome() {
  const gate = useSession({ returnTo: MEETINGS_PAGE });
  const signedIn = gate.phase === 'signed-in';
  const { me } = useMe(gate.phase);
  const keeper = !!me?.roles.some((r) => KEEPER_ROLES.includes(r.role));
  const asked = useRouter().params.tab;
  const [tab, setTab] = useState<TabKey>(TABS.some((t) => t.key === asked) ? (asked as TabKey) : 'meetings');
  const fetchPage = useCallback(
    (cursor?: string): Promise<Page<MeetingView | MeetingItemView | MediationView | ReferralView>> =>
      tab === 'overdue' ? listMeetingItems({ overdue: true, cursor }) : tab === 'mediations' ? listMediations(cursor) : tab === 'town' ? listTownReferrals() : listMeetings({ cursor }),
    [tab],
  );
  const list = usePagedList(signedIn ? fetchPage : null, { reloadOn: signedIn ? fetchPage : null });
  useDidShow(() => {
    if (signedIn) void list.reload(true);
  });
  usePullDownRefresh(() => {
    void (signedIn ? list.reload(true) : Promise.resolve()).finally(() => Taro.stopPullDownRefresh());
  });

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后查看联席会议。" />;

  return (
    <View className="page mt-page mt-home">
      {keeper ? (
        <View className="button-row mt-home-buttons">
          <Button className="button button-primary mt-new" onClick={() => void Taro.navigateTo({ url: MEETING_FORM_PAGE })}>
            记录联席会
          </Button>
          <Button className="button mt-stats-link" onClick={() => void Taro.navigateTo({ url: MEETING_STATS_PAGE })}>
            统计
          </Button>
          <Button className="button mt-liaisons-link" onClick={() => void Taro.navigateTo({ url: LIAISONS_PAGE })}>
            挂钩领导
          </Button>
        </View>
      ) : null}
      <ChoiceChips className="mt-tabs" itemClassName="mt-tab" items={TABS} keyOf={(t) => t.key} labelOf={(t) => t.label} isSelected={(t) => t.key === tab} onChoose={(t) => setTab(t.key)} />
      <RemoteStatus phase={list.phase} errorTitle="没能加载" errorMessage={list.errorMessage} onRetry={() => void list.reload()} />
      {list.phase === 'ready' && list.items.length === 0 ? (
        <StatusNotice className="mt-empty" title={EMPTY[tab]} text="联席会议定的事项由责任方落实、社区核验；超过期限未落实的转社区督办。" />
      ) : null}
      {list.phase === 'ready' && list.items.length > 0 ? (
        <View className="card mt-list">
          {tab === 'town'
            ? (list.items as ReferralView[]).map((r) => (
                <View key={r.id} className="mt-row mt-town-row" onClick={() => void Taro.navigateTo({ url: `${OVERSIGHT_TICKET_PAGE}?id=${r.ticketId}` })}>
                  <View className="mt-row-main">
                    <View className="mt-row-title wrap-text">
                      {r.communityName} · {r.subject}
                    </View>
                    <View className="mt-facts">
                      <Text>上报于 {shanghaiDate(r.createdAt)}</Text>
                      {r.note ? <Text className="wrap-text">{r.note}</Text> : null}
                    </View>
                  </View>
                  <Text className="link-arrow">›</Text>
                </View>
              ))
            : tab === 'mediations'
            ? (list.items as MediationView[]).map((d) => (
                <View key={d.id} className="mt-row mt-mediation-row" onClick={() => void Taro.navigateTo({ url: mediationPage(d.id) })}>
                  <View className="mt-row-main">
                    <View className="mt-row-title wrap-text">
                      {d.communityName} · {d.subject}
                    </View>
                    <View className="mt-facts">
                      <Text>{d.outcome ? MEDIATION_OUTCOME_LABELS[d.outcome] : '调解中'}</Text>
                      <Text>{shanghaiDate(d.createdAt)}</Text>
                    </View>
                  </View>
                  <Text className="link-arrow">›</Text>
                </View>
              ))
            : tab === 'meetings'
            ? (list.items as MeetingView[]).map((m) => (
                <View key={m.id} className="mt-row mt-meeting-row" onClick={() => void Taro.navigateTo({ url: meetingPage(m.id) })}>
                  <View className="mt-row-main">
                    <View className="mt-row-title">
                      {m.communityName}
                      {m.communities.length > 1 ? ` 等${m.communities.length}个小区` : ''} · {MEETING_KIND_LABELS[m.kind]}
                    </View>
                    <View className="mt-facts">
                      <Text>{m.heldOn}</Text>
                      <Text>议定 {m.items.length} 项</Text>
                      <Text>已核验 {m.items.filter((i) => i.state === 'verified').length}</Text>
                      {m.items.some((i) => i.can.done || i.can.verify) ? <Text className="badge badge-pending mt-todo">待我处理</Text> : null}
                    </View>
                  </View>
                  <Text className="link-arrow">›</Text>
                </View>
              ))
            : (list.items as MeetingItemView[]).map((i) => (
                <View key={i.id} className="mt-row mt-overdue-row" onClick={() => void Taro.navigateTo({ url: meetingPage(i.meetingId) })}>
                  <View className="mt-row-main">
                    <View className="mt-row-title wrap-text">
                      {i.communityName} · {i.text}
                    </View>
                    <View className="mt-facts">
                      <Text>{MEETING_ITEM_STATE_LABELS[i.state]}</Text>
                      <Text>{i.ownerName}</Text>
                    </View>
                  </View>
                  <Text className="link-arrow">›</Text>
                </View>
              ))}
        </View>
      ) : null}
      <LoadMore list={list} />
    </View>
  );
}
