import { useCallback } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { INSPECTION_KIND_LABELS } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import { LoadMore, RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import { OverseenEstate, ShareButton, ShareCardNotice } from '../../../../components/ShareCard';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useOwnEstate } from '../../../../hooks/useOwnEstate';
import { useRemote } from '../../../../hooks/useRemote';
import { useShareCard } from '../../../../hooks/useShareCard';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useSession } from '../../../../hooks/useSession';
import { INSPECTION_SUMMARY_PAGE } from '../../../../routes';
import { listInspectionSummaries } from '../../../../services/inspections';
import { getShareCard } from '../../../../services/sharing';
import '../../inspections.scss';

/**
 * 小区检查: what residents see of the inspections of their estate — date, kind, score, orders open and closed. A
 * share card opens it with one inspection's id: that inspection's estate is shown, the inspection marked; the page
 * itself shares the inspection it was opened with, else the estate's latest.
 */
export default function InspectionSummaries() {
  const gate = useSession({ returnTo: INSPECTION_SUMMARY_PAGE });
  const { me, phase: mePhase } = useMe(gate.phase);
  const openedId = Number(useRouter().params.id) || null;
  const opened = useRemote(
    useCallback(() => getShareCard('inspection', openedId as number), [openedId]),
    { enabled: openedId !== null && gate.phase === 'signed-in' },
  );
  const openedEstate = openedId === null ? null : opened.phase === 'loading' ? undefined : (opened.data?.communityId ?? null);
  const { estates, communityId, choose } = useOwnEstate(me, openedEstate);
  const fetchPage = useCallback((cursor?: string) => listInspectionSummaries(communityId as number, cursor), [communityId]);
  const list = usePagedList(communityId !== null ? fetchPage : null, { reloadOn: communityId !== null ? fetchPage : null });
  const sharedId = openedId !== null && communityId === openedEstate ? openedId : (list.items[0]?.id ?? null);
  const card = useShareCard('inspection', sharedId ?? 0, sharedId !== null);

  if (gate.phase !== 'signed-in') return <SignedOutPage gate={gate} purpose="登录并绑定房屋后，可以查看本小区接受检查的结果。" />;
  const noEstate = <StatusNotice className="insp-no-estate" title="还没有绑定房屋" text="绑定房屋并通过审核后，可以在这里查看本小区接受检查的结果。" />;
  // Opened from a card of an estate the viewer has no house in: what it is, and the way in.
  if (mePhase === 'ready' && openedId !== null && openedEstate !== undefined && !estates.some((e) => e.id === openedEstate)) {
    return (
      <View className="page insp-page">
        <ShareCardNotice kind="inspection" id={openedId} otherwise={<OverseenEstate me={me} communityId={openedEstate ?? null} otherwise={noEstate} />} />
      </View>
    );
  }
  if (mePhase === 'ready' && estates.length === 0) return <View className="page insp-page">{noEstate}</View>;
  return (
    <View className="page insp-page insp-summary">
      {estates.length > 1 ? <ChoiceChips className="insp-estates" itemClassName="insp-estate" items={estates} chosen={communityId} onChoose={(e) => choose(e.id)} /> : null}
      {card ? <ShareButton card={card} /> : null}
      <RemoteStatus phase={list.phase === 'idle' ? 'loading' : list.phase} errorTitle="没能加载" errorMessage={list.errorMessage} onRetry={() => void list.reload()} />
      {list.phase === 'ready' && list.items.length === 0 ? <StatusNotice className="insp-empty" title="本小区还没有检查记录" text="住建部门和社区检查本小区后，结果会显示在这里。" /> : null}
      {list.phase === 'ready' && list.items.length > 0 ? (
        <View className="card insp-list">
          {list.items.map((i) => (
            <View key={i.id} className={`insp-row insp-summary-row${i.id === openedId ? ' insp-summary-opened' : ''}`}>
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
