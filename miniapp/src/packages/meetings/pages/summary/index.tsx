import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { MEETING_ITEM_STATE_LABELS, MEETING_KIND_LABELS, MEETING_PARTY_LABELS } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import { LoadMore, RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useSession } from '../../../../hooks/useSession';
import { MEETING_SUMMARY_PAGE } from '../../../../routes';
import { listMeetingSummaries } from '../../../../services/meetings';
import '../../meetings.scss';

/** 小区联席会: what residents see of their estate's joint meetings — the date, the agreed items and how far they got. */
export default function MeetingSummaries() {
  const gate = useSession({ returnTo: MEETING_SUMMARY_PAGE });
  const { me, phase: mePhase } = useMe(gate.phase);
  const estates = me ? [...new Map(me.houses.filter((h) => h.state === 'approved').map((h) => [h.communityId, { id: h.communityId, name: h.communityName }])).values()] : [];
  const [communityId, setCommunityId] = useState<number | null>(null);
  const firstEstate = estates[0]?.id ?? null;
  useEffect(() => setCommunityId((shown) => shown ?? firstEstate), [firstEstate]);
  const fetchPage = useCallback((cursor?: string) => listMeetingSummaries(communityId as number, cursor), [communityId]);
  const list = usePagedList(communityId !== null ? fetchPage : null, { reloadOn: communityId !== null ? fetchPage : null });

  if (gate.phase !== 'signed-in') return <SignedOutPage gate={gate} purpose="登录并绑定房屋后，可以查看本小区联席会议定的事项。" />;
  if (mePhase === 'ready' && estates.length === 0) {
    return (
      <View className="page mt-page">
        <StatusNotice className="mt-no-estate" title="还没有绑定房屋" text="绑定房屋并通过审核后，可以在这里查看本小区联席会议定的事项。" />
      </View>
    );
  }
  return (
    <View className="page mt-page mt-summary">
      {estates.length > 1 ? <ChoiceChips className="mt-estates" itemClassName="mt-estate" items={estates} chosen={communityId} onChoose={(e) => setCommunityId(e.id)} /> : null}
      <RemoteStatus phase={list.phase === 'idle' ? 'loading' : list.phase} errorTitle="没能加载" errorMessage={list.errorMessage} onRetry={() => void list.reload()} />
      {list.phase === 'ready' && list.items.length === 0 ? <StatusNotice className="mt-empty" title="本小区还没有联席会记录" text="社区召开四方联席会后，议定的事项和落实情况会显示在这里。" /> : null}
      {list.phase === 'ready'
        ? list.items.map((m) => (
            <View key={m.id} className="card mt-summary-meeting">
              <View className="card-title">
                {m.heldOn} {MEETING_KIND_LABELS[m.kind]}
              </View>
              {m.estates > 1 ? <View className="muted mt-summary-estates">本次会议涉及 {m.estates} 个小区，以下是本小区的议定事项</View> : null}
              {m.items.map((i) => (
                <View key={i.id} className="mt-row mt-summary-item">
                  <View className="mt-row-main">
                    <View className="wrap-text">{i.text}</View>
                    <View className="mt-facts">
                      <Text>{MEETING_PARTY_LABELS[i.ownerParty]}负责</Text>
                      <Text>期限 {i.deadline}</Text>
                    </View>
                  </View>
                  <Text className={`badge badge-${i.state === 'verified' ? 'approved' : 'pending'} mt-summary-state`}>{MEETING_ITEM_STATE_LABELS[i.state]}</Text>
                </View>
              ))}
            </View>
          ))
        : null}
      <LoadMore list={list} />
    </View>
  );
}
