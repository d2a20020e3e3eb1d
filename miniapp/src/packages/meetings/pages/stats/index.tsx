import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { periodLabel, type MeetingFigures } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import ExportButton from '../../../../components/ExportButton';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { MEETING_STATS_PAGE } from '../../../../routes';
import { downloadMeetingStats, getMeetingStats } from '../../../../services/meetings';
import { overseenAreas, statsPeriods } from '../../../../services/periods';
import '../../meetings.scss';

function Figures({ f, className }: { f: MeetingFigures; className: string }) {
  return (
    <View className={`mt-facts ${className}`}>
      <Text>召开会议 {f.meetings} 场</Text>
      <Text>议定 {f.itemsAgreed} 项</Text>
      <Text>已落实 {f.itemsDone}</Text>
      <Text>已核验 {f.itemsVerified}</Text>
      <Text>受理纠纷 {f.disputesTaken}</Text>
      <Text>化解 {f.disputesResolved}</Text>
    </View>
  );
}

/** 联席会议统计 (offices, regulators): the county's three figures per estate of their area in a period; as .xlsx. */
export default function MeetingStatsPage() {
  const gate = useSession({ returnTo: MEETING_STATS_PAGE });
  const signedIn = gate.phase === 'signed-in';
  const { me } = useMe(gate.phase);
  const areas = overseenAreas(me);
  const [chosenArea, setChosenArea] = useState<number | null>(null);
  const areaId = chosenArea ?? areas[0]?.id ?? null;
  const periods = statsPeriods();
  const [period, setPeriod] = useState(periods[0]);
  const remote = useRemote(
    useCallback(() => getMeetingStats(areaId as number, period), [areaId, period]),
    { enabled: signedIn && areaId !== null },
  );
  const stats = remote.data;

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后查看联席会议统计。" />;
  if (me && areas.length === 0) return <StatusNotice className="mt-no-area" title="没有可统计的区域" text="联席会议统计供社区（村）和住建部门使用。" />;
  return (
    <View className="page mt-page mt-stats">
      {areas.length > 1 ? <ChoiceChips className="mt-areas" itemClassName="mt-area" items={areas} chosen={areaId} onChoose={(a) => setChosenArea(a.id)} /> : null}
      <ChoiceChips className="mt-periods" itemClassName="mt-period" items={periods} keyOf={(p) => p} labelOf={periodLabel} isSelected={(p) => p === period} onChoose={setPeriod} />
      <RemoteStatus phase={remote.phase} errorTitle="统计没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />
      {remote.phase === 'ready' && stats ? (
        <View>
          <View className="card mt-stats-total">
            <View className="card-title">
              {stats.area.name} {periodLabel(stats.period)}
            </View>
            <Figures f={stats.total} className="mt-total" />
            <ExportButton className="mt-export" download={() => downloadMeetingStats(stats.area.id, stats.period, stats.area.name)} />
          </View>
          <View className="card mt-stats-estates">
            {stats.communities.map((c) => (
              <View key={c.id} className="mt-row mt-stats-estate">
                <View className="mt-row-main">
                  <View className="mt-row-title">{c.name}</View>
                  <Figures f={c} className="mt-estate-figures" />
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
