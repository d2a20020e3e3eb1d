import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PATROL_FREQUENCY_LABELS, TICKET_STATE_LABELS, periodLabel, shanghaiDate, shanghaiDateTime, shanghaiDayStart, type PatrolPlanEdit } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { HAZARDS_PAGE, HANDLING_TICKET_PAGE, OVERSIGHT_TICKET_PAGE } from '../../../../routes';
import { getHazards, getPatrolStats } from '../../../../services/patrols';
import { listScopedCommunities } from '../../../../services/roles';
import '../../patrols.scss';

const PROPERTY_ROLES = ['manager', 'staff', 'company_admin'];

/** The month before this one (Asia/Shanghai), YYYY-MM: the latest month whose patrols are all due. */
const lastMonth = () => shanghaiDate(shanghaiDayStart(`${shanghaiDate().slice(0, 7)}-01`).getTime() - 1).slice(0, 7);

/**
 * What a plan edit changed, in words: points out and in, the window and the frequency (from the day they count), and
 * the patroller (at once).
 */
function editText(e: PatrolPlanEdit): string {
  const round = [
    e.removed.length ? `移出 ${e.removed.join('、')}` : '',
    e.added.length ? `加入 ${e.added.join('、')}` : '',
    e.window ? `时段 ${e.window.from} 改为 ${e.window.to}` : '',
    e.frequency ? `频次 ${PATROL_FREQUENCY_LABELS[e.frequency.from]} 改为 ${PATROL_FREQUENCY_LABELS[e.frequency.to]}` : '',
  ].filter(Boolean);
  // The same points in another order is still a new version of the plan (the round is listed in that order).
  if (!round.length && !e.assignee) round.push('调整巡检点顺序');
  const effect = e.takesEffectOn ? `${e.takesEffectOn} 起生效` : '生效前又被修改，未生效';
  return [round.length ? `${round.join('，')}；${effect}` : '', e.assignee ? `巡检人 ${e.assignee.from} 改为 ${e.assignee.to}，即时生效` : ''].filter(Boolean).join('；');
}

/**
 * 隐患台账 of an estate: open hazards, emergencies first and then the oldest, those past their category's deadline
 * marked 逾期; below, last month's completion rate, the rounds not counted as done because they were checked only
 * outside the plan's window (超时巡检) or sent long after the time they claim (补录, with both times), and those missed,
 * per point and period.
 */
export default function HazardRegisterPage() {
  const gate = useSession({ returnTo: HAZARDS_PAGE });
  const signedIn = gate.phase === 'signed-in';
  const { me } = useMe(gate.phase);
  const property = !!me?.roles.some((r) => PROPERTY_ROLES.includes(r.role));
  const estates = useRemote(useCallback(async () => (await listScopedCommunities()).items.map((c) => ({ id: c.id, name: c.name })), []), { enabled: signedIn });
  const [chosen, setChosen] = useState<number | null>(null);
  const communityId = chosen ?? estates.data?.[0]?.id ?? null;
  const month = lastMonth();
  const remote = useRemote(
    useCallback(async () => {
      const [register, stats] = await Promise.all([getHazards(communityId as number), getPatrolStats(communityId as number, month)]);
      return { register, stats };
    }, [communityId, month]),
    { enabled: signedIn && communityId !== null },
  );
  const data = remote.data;
  const ticketPage = (id: number) => `${property ? HANDLING_TICKET_PAGE : OVERSIGHT_TICKET_PAGE}?id=${id}`;

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后查看隐患台账。" />;
  return (
    <View className="page pt-page pt-hazards">
      {estates.data && estates.data.length > 1 ? <ChoiceChips className="pt-estates" itemClassName="pt-estate" items={estates.data} chosen={communityId} onChoose={(e) => setChosen(e.id)} /> : null}
      <RemoteStatus phase={remote.phase} errorTitle="隐患台账没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />
      {data ? (
        <View>
          <View className="card pt-register">
            <View className="card-title">未消除隐患 {data.register.open}</View>
            <View className="pt-facts">
              <Text>紧急 {data.register.emergency}</Text>
              <Text>超过时限 {data.register.overdue}</Text>
            </View>
            {data.register.items.length === 0 ? <StatusNotice className="pt-no-hazards" title="没有未消除的隐患" /> : null}
            {data.register.items.map((h) => (
              <View key={h.ticketId} className="pt-row pt-hazard" onClick={() => void Taro.navigateTo({ url: ticketPage(h.ticketId) })}>
                <View className="pt-row-main">
                  <View className="pt-row-title wrap-text">
                    #{h.ticketId} {h.categoryName}
                    {h.emergency ? <Text className="badge badge-rejected">紧急</Text> : null}
                    {h.overdue ? <Text className="badge badge-rejected pt-hazard-overdue">逾期</Text> : null}
                  </View>
                  <View className="wrap-text">{h.summary}</View>
                  <View className="pt-facts">
                    <Text>{TICKET_STATE_LABELS[h.state]}</Text>
                    <Text>已 {h.ageDays} 天</Text>
                    {h.pointName ? <Text>巡检点：{h.pointName}</Text> : null}
                  </View>
                </View>
                <Text className="link-arrow">›</Text>
              </View>
            ))}
          </View>
          <View className="card pt-missed">
            <View className="card-title">
              {periodLabel(month)} 巡检完成率 {data.stats.completionRate === null ? '—' : `${(data.stats.completionRate * 100).toFixed(1)}%`}
            </View>
            <View className="muted pt-missed-figures">
              应巡检 {data.stats.due} 次，按时巡检 {data.stats.done} 次，超时或补录 {data.stats.late.length} 次，漏检 {data.stats.missed.length} 次
            </View>
            {data.stats.late.slice(0, 50).map((l) => (
              <View key={`late-${l.planId}-${l.pointId}-${l.period.from}`} className="pt-row pt-late-item">
                <View className="pt-row-main">
                  <View>
                    {l.pointName} · {l.planName} <Text className="badge badge-rejected">{l.sentLate ? '补录' : '超时巡检'}</Text>
                  </View>
                  <View className="muted">{l.sentLate ? `记为 ${shanghaiDateTime(l.checkedAt)}，${shanghaiDateTime(l.receivedAt)} 才提交` : `巡检于 ${shanghaiDateTime(l.checkedAt)}`}</View>
                </View>
              </View>
            ))}
            {data.stats.missed.slice(0, 50).map((m) => (
              <View key={`${m.planId}-${m.pointId}-${m.period.from}`} className="pt-row pt-missed-item">
                <View className="pt-row-main">
                  <View>
                    {m.pointName} · {m.planName}
                  </View>
                  <View className="muted">{m.period.from === m.period.to ? m.period.from : `${m.period.from} 至 ${m.period.to}`}</View>
                </View>
              </View>
            ))}
            {data.stats.edits.map((e, n) => (
              <View key={`edit-${e.planId}-${e.on}-${n}`} className="pt-row pt-edit-item">
                <View className="pt-row-main">
                  <View>
                    {e.planName} <Text className="badge badge-pending">计划修改</Text>
                  </View>
                  <View className="muted wrap-text">{`${e.on} ${e.by}：${editText(e)}`}</View>
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
