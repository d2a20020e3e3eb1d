import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { INSPECTION_KIND_LABELS } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import { LoadMore, RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useSession } from '../../../../hooks/useSession';
import { INSPECTION_SUMMARY_PAGE } from '../../../../routes';
import { listInspectionSummaries } from '../../../../services/inspections';
import '../../inspections.scss';

/** 小区检查: what residents see of the inspections of their estate — date, kind, score, orders open and closed. */
export default function InspectionSummaries() {
  const gate = useSession({ returnTo: INSPECTION_SUMMARY_PAGE });
  const { me, phase: mePhase } = useMe(gate.phase);
  const estates = me ? [...new Map(me.houses.filter((h) => h.state === 'approved').map((h) => [h.communityId, { id: h.communityId, name: h.communityName }])).values()] : [];
  const [communityId, setCommunityId] = useState<number | null>(null);
  const firstEstate = estates[0]?.id ?? null;
  useEffect(() => setCommunityId((shown) => shown ?? firstEstate), [firstEstate]);
  const fetchPage = useCallback((cursor?: string) => listInspectionSummaries(communityId as number, cursor), [communityId]);
  const list = usePagedList(communityId !== null ? fetchPage : null, { reloadOn: communityId !== null ? fetchPage : null });

  if (gate.phase !== 'signed-in') return <SignedOutPage gate={gate} purpose="登录并绑定房屋后，可以查看本小区接受检查的结果。" />;
  if (mePhase === 'ready' && estates.length === 0) {
    return (
      <View className="page insp-page">
        <StatusNotice className="insp-no-estate" title="还没有绑定房屋" text="绑定房屋并通过审核后，可以在这里查看本小区接受检查的结果。" />
      </View>
    );
  }
  return (
    <View className="page insp-page insp-summary">
      {estates.length > 1 ? <ChoiceChips className="insp-estates" itemClassName="insp-estate" items={estates} chosen={communityId} onChoose={(e) => setCommunityId(e.id)} /> : null}
      <RemoteStatus phase={list.phase === 'idle' ? 'loading' : list.phase} errorTitle="没能加载" errorMessage={list.errorMessage} onRetry={() => void list.reload()} />
      {list.phase === 'ready' && list.items.length === 0 ? <StatusNotice className="insp-empty" title="本小区还没有检查记录" text="住建部门和社区检查本小区后，结果会显示在这里。" /> : null}
      {list.phase === 'ready' && list.items.length > 0 ? (
        <View className="card insp-list">
          {list.items.map((i) => (
            <View key={i.id} className="insp-row insp-summary-row">
              <View className="insp-row-main">
                <View className="insp-row-title">
                  {i.inspectedOn} {INSPECTION_KIND_LABELS[i.kind]}
                </View>
                <View className="insp-facts">
                  <Text>整改 {i.orders.issued} 项</Text>
                  <Text>已销号 {i.orders.closed}</Text>
                  <Text>整改中 {i.orders.open}</Text>
                </View>
              </View>
              <Text className="insp-score">{i.score === null ? '—' : i.score}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <LoadMore list={list} />
    </View>
  );
}
