import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { periodLabel, type InspectionFigures, type PatrolFigures } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import ExportButton from '../../../../components/ExportButton';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { INSPECTION_STATS_PAGE } from '../../../../routes';
import { downloadOrdersExport, getInspectionStats } from '../../../../services/inspections';
import { overseenAreas, statsPeriods } from '../../../../services/periods';
import '../../inspections.scss';

function Figures({ f, className }: { f: InspectionFigures & PatrolFigures; className: string }) {
  return (
    <View className={`insp-facts ${className}`}>
      <Text>检查 {f.inspections} 次</Text>
      <Text>平均 {f.averageScore ?? '—'} 分</Text>
      <Text>整改 {f.ordersIssued} 项</Text>
      <Text>已销号 {f.ordersClosed}</Text>
      <Text>逾期 {f.ordersOverdue}</Text>
      <Text className={f.patrolsMissed ? 'insp-alert' : undefined}>漏巡 {f.patrolsMissed}</Text>
      <Text className={f.patrolsLate ? 'insp-alert' : undefined}>超时或补录 {f.patrolsLate}</Text>
      <Text className={f.hazardsOverdue ? 'insp-alert' : undefined}>隐患超期 {f.hazardsOverdue}</Text>
    </View>
  );
}

/**
 * 检查统计 (offices, regulators): per estate of their area in a period, with its patrol rounds missed in the period and
 * its hazards past their deadline now; the orders as .xlsx.
 */
export default function InspectionStatsPage() {
  const gate = useSession({ returnTo: INSPECTION_STATS_PAGE });
  const signedIn = gate.phase === 'signed-in';
  const { me } = useMe(gate.phase);
  const areas = overseenAreas(me);
  const [chosenArea, setChosenArea] = useState<number | null>(null);
  const areaId = chosenArea ?? areas[0]?.id ?? null;
  const periods = statsPeriods();
  const [period, setPeriod] = useState(periods[0]);
  const remote = useRemote(
    useCallback(() => getInspectionStats(areaId as number, period), [areaId, period]),
    { enabled: signedIn && areaId !== null },
  );
  const stats = remote.data;

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后查看检查统计。" />;
  if (me && areas.length === 0) return <StatusNotice className="insp-no-area" title="没有可统计的区域" text="检查统计供社区（村）和住建部门使用。" />;
  return (
    <View className="page insp-page insp-stats">
      {areas.length > 1 ? <ChoiceChips className="insp-areas" itemClassName="insp-area" items={areas} chosen={areaId} onChoose={(a) => setChosenArea(a.id)} /> : null}
      <ChoiceChips className="insp-periods" itemClassName="insp-period" items={periods} keyOf={(p) => p} labelOf={periodLabel} isSelected={(p) => p === period} onChoose={setPeriod} />
      <RemoteStatus phase={remote.phase} errorTitle="统计没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />
      {remote.phase === 'ready' && stats ? (
        <View>
          <View className="card insp-stats-total">
            <View className="card-title">
              {stats.area.name} {periodLabel(stats.period)}
            </View>
            <Figures f={stats.total} className="insp-total" />
            <ExportButton className="insp-export" download={() => downloadOrdersExport(stats.area.id, stats.period, stats.area.name)} />
          </View>
          <View className="card insp-stats-estates">
            {stats.communities.map((c) => (
              <View key={c.id} className="insp-row insp-stats-estate">
                <View className="insp-row-main">
                  <View className="insp-row-title">{c.name}</View>
                  <Figures f={c} className="insp-estate-figures" />
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
