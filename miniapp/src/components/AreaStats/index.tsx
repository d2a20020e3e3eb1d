import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { periodLabel } from '@wuye/contracts';
import { useMe } from '../../hooks/useMe';
import { useRemote } from '../../hooks/useRemote';
import { useSession } from '../../hooks/useSession';
import { overseenAreas, statsPeriods } from '../../services/periods';
import ChoiceChips from '../ChoiceChips';
import ExportButton from '../ExportButton';
import { RemoteStatus, SignedOutPage } from '../RemoteStatus';
import StatusNotice from '../StatusNotice';

/** One figure of an estate: its words, and whether it is one to act on (shown as an alert). */
export interface Fact {
  text: string;
  alert?: boolean;
}

/** What every area statistic of the API answers: the area, the period, its total and one line per estate. */
export interface AreaFigures<F> {
  area: { id: number; name: string };
  period: string;
  total: F;
  communities: ({ id: number; name: string } & F)[];
}

interface Props<F> {
  /** What the page counts, as the user reads it (检查统计): in the sign-in prompt and for a user with no area. */
  title: string;
  /** Class names begin with it (insp, mt): each package styles its page in its own stylesheet. */
  prefix: string;
  returnTo: string;
  load: (areaId: number, period: string) => Promise<AreaFigures<F>>;
  /** The .xlsx of the area and period. */
  download: (areaId: number, period: string, areaName: string) => Promise<void>;
  facts: (f: F) => Fact[];
}

/**
 * An overseer's statistics page (offices, regulators): a figure line per estate of their area in a period and the
 * area's total, the area and period chosen by chips (this quarter first), and the figures as .xlsx.
 */
export default function AreaStatsPage<F>({ title, prefix: p, returnTo, load, download, facts }: Props<F>) {
  const gate = useSession({ returnTo });
  const signedIn = gate.phase === 'signed-in';
  const { me } = useMe(gate.phase);
  const areas = overseenAreas(me);
  const [chosenArea, setChosenArea] = useState<number | null>(null);
  const areaId = chosenArea ?? areas[0]?.id ?? null;
  const periods = statsPeriods();
  const [period, setPeriod] = useState(periods[0]);
  const remote = useRemote(
    useCallback(() => load(areaId as number, period), [load, areaId, period]),
    { enabled: signedIn && areaId !== null },
  );
  const stats = remote.data;
  const figures = (f: F, className: string) => (
    <View className={`${p}-facts ${className}`}>
      {facts(f).map((fact) => (
        <Text key={fact.text} className={fact.alert ? `${p}-alert` : undefined}>
          {fact.text}
        </Text>
      ))}
    </View>
  );

  if (!signedIn) return <SignedOutPage gate={gate} purpose={`登录后查看${title}。`} />;
  if (me && areas.length === 0) return <StatusNotice className={`${p}-no-area`} title="没有可统计的区域" text={`${title}供社区（村）和住建部门使用。`} />;
  return (
    <View className={`page ${p}-page ${p}-stats`}>
      {areas.length > 1 ? <ChoiceChips className={`${p}-areas`} itemClassName={`${p}-area`} items={areas} chosen={areaId} onChoose={(a) => setChosenArea(a.id)} /> : null}
      <ChoiceChips className={`${p}-periods`} itemClassName={`${p}-period`} items={periods} keyOf={(x) => x} labelOf={periodLabel} isSelected={(x) => x === period} onChoose={setPeriod} />
      <RemoteStatus phase={remote.phase} errorTitle="统计没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />
      {remote.phase === 'ready' && stats ? (
        <View>
          <View className={`card ${p}-stats-total`}>
            <View className="card-title">
              {stats.area.name} {periodLabel(stats.period)}
            </View>
            {figures(stats.total, `${p}-total`)}
            <ExportButton className={`${p}-export`} download={() => download(stats.area.id, stats.period, stats.area.name)} />
          </View>
          <View className={`card ${p}-stats-estates`}>
            {stats.communities.map((c) => (
              <View key={c.id} className={`${p}-row ${p}-stats-estate`}>
                <View className={`${p}-row-main`}>
                  <View className={`${p}-row-title`}>{c.name}</View>
                  {figures(c, `${p}-estate-figures`)}
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
