import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import ChoiceChips from '../../../../components/ChoiceChips';
import meNotice from '../../../../components/MeNotice';
import StatusNotice from '../../../../components/StatusNotice';
import { useChosenEstate } from '../../../../hooks/useChosenEstate';
import { useMe } from '../../../../hooks/useMe';
import { useSession } from '../../../../hooks/useSession';
import { useShownAgain } from '../../../../hooks/useShownAgain';
import { HANDLING_STATS_PAGE } from '../../../../routes';
import { managedEstates } from '../../../../services/handling';
import TicketStatsCard from '../../components/TicketStatsCard';

/** 工单统计 of the estates the user manages; shown again (fresh) whenever the page comes back. */
export default function HandlingStats() {
  const gate = useSession({ returnTo: HANDLING_STATS_PAGE });
  const meState = useMe(gate.phase);
  const { me } = meState;
  const { params } = useRouter();
  const [refreshKey, setRefreshKey] = useState(0);
  const estates = me ? managedEstates(me) : [];
  const [communityId, setCommunityId] = useChosenEstate(me ? estates : null, Number(params.communityId));

  useShownAgain(() => setRefreshKey((key) => key + 1));

  const waiting = meNotice('handling-stats', gate, meState, '登录后才能查看工单统计。');
  if (waiting || !me) return waiting;
  if (communityId === null) {
    return (
      <View className="page handling-stats">
        <StatusNotice className="handling-stats-not-allowed" title="您没有查看工单统计的身份" text="工单统计由小区的项目经理查看。" />
      </View>
    );
  }
  return (
    <View className="page handling-stats">
      {estates.length > 1 ? (
        <ChoiceChips className="handling-stats-estates" itemClassName="handling-stats-estate" items={estates} chosen={communityId} onChoose={(estate) => setCommunityId(estate.id)} />
      ) : (
        <View className="muted handling-stats-estate-name">{estates[0]?.name}</View>
      )}
      <TicketStatsCard key={communityId} communityId={communityId} refreshKey={refreshKey} />
    </View>
  );
}
