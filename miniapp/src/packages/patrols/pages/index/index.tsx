import { useCallback } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PATROL_CHECK_SYNC_MINUTES, PATROL_FREQUENCY_LABELS, PATROL_RESULT_LABELS, parsePatrolCode, shanghaiDateTime } from '@wuye/contracts';
import PrivacyDialog from '../../../../components/PrivacyDialog';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useQueuedDrafts } from '../../../../hooks/useQueuedDrafts';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { HAZARDS_PAGE, PATROL_POINTS_PAGE, PATROLS_PAGE, patrolCheckPage } from '../../../../routes';
import { listPatrolPlans, patrolChecks } from '../../../../services/patrols';
import { sessionUserId } from '../../../../services/session';
import '../../patrols.scss';

/** A check waiting on the phone; past PATROL_CHECK_SYNC_MINUTES it will arrive as 补录 and not count as on time. */
function waitingText(madeAt: string): string {
  const stale = Date.now() - Date.parse(madeAt) > PATROL_CHECK_SYNC_MINUTES * 60_000;
  return `巡检于 ${shanghaiDateTime(madeAt)}，有网络时自动发送${stale ? `；已超过 ${PATROL_CHECK_SYNC_MINUTES / 60} 小时未发送，到达后记为补录，不计按时巡检` : ''}`;
}

/**
 * 今日巡检: the caller's plans with each point to check this period, a check outside the round's time window marked
 * 超时 (it does not count as done; a check inside the window still can). The round is the one the period began with:
 * an edit waiting for the next period is said, and a point retired meanwhile shows as still owed but not checkable.
 * A tap opens the check (on WeChat 扫码巡检 opens the point by its printed code); below, the checks still waiting on
 * the phone, and the way to points, plans and hazards.
 */
export default function PatrolsHome() {
  const gate = useSession({ returnTo: PATROLS_PAGE });
  const signedIn = gate.phase === 'signed-in';
  const { me } = useMe(gate.phase);
  const manager = !!me?.roles.some((r) => r.role === 'manager');
  const remote = useRemote(
    useCallback(() => listPatrolPlans({ mine: true }), []),
    { enabled: signedIn, isValid: Array.isArray },
  );
  const plans = remote.data ?? [];
  const userId = signedIn ? sessionUserId() : null;
  const drafts = useQueuedDrafts(patrolChecks, userId, () => void remote.reload(true));
  useDidShow(() => {
    if (signedIn) void remote.reload(true);
  });
  usePullDownRefresh(() => {
    void remote.reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  /** WeChat: scan the code printed at the point; it opens that point's check (within the caller's plans if it is in one). */
  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      const scanned = parsePatrolCode(result);
      if (!scanned) return void Taro.showToast({ title: '这不是巡检点的二维码', icon: 'none' });
      const plan = plans.find((p) => p.points.some((point) => point.id === scanned.pointId));
      const point = plan?.points.find((p) => p.id === scanned.pointId);
      // Retired: the round still counts it as missed, but no check can be recorded (the API would refuse it).
      if (point?.retired) return void Taro.showToast({ title: `${point.name}已停用，不能再巡检`, icon: 'none' });
      void Taro.navigateTo({ url: patrolCheckPage({ id: scanned.pointId, name: point?.name ?? '巡检点' }, plan?.id, scanned.code) });
    } catch {
      // Cancelled.
    }
  };

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后开始巡检。" />;
  return (
    <View className="page pt-page pt-home">
      <View className="button-row pt-home-buttons">
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className="button button-primary pt-scan" onClick={() => void scan()}>
            扫码巡检
          </Button>
        ) : null}
        {manager ? (
          <Button className="button pt-points-link" onClick={() => void Taro.navigateTo({ url: PATROL_POINTS_PAGE })}>
            巡检点与计划
          </Button>
        ) : null}
        <Button className="button pt-hazards-link" onClick={() => void Taro.navigateTo({ url: HAZARDS_PAGE })}>
          隐患台账
        </Button>
      </View>
      {drafts.length > 0 ? (
        <View className="card pt-drafts">
          <View className="card-title">待发送</View>
          {drafts.map((d) => (
            <View key={d.key} className="pt-row pt-draft">
              <View className="pt-row-main">
                <View className="pt-row-title">
                  {d.pointName} · {PATROL_RESULT_LABELS[d.input.result]}
                </View>
                <View className={d.error ? 'form-error wrap-text' : 'muted'}>{d.error ? `没有提交成功：${d.error}` : waitingText(d.input.checkedAt ?? d.createdAt)}</View>
                {d.error ? (
                  <Button className="button button-small pt-draft-delete" onClick={() => patrolChecks.discard(d.key)}>
                    删除
                  </Button>
                ) : null}
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <RemoteStatus phase={remote.phase} errorTitle="巡检计划没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />
      {remote.phase === 'ready' && plans.length === 0 ? <StatusNotice className="pt-empty" title="今天没有分配给您的巡检" text="项目经理制定巡检计划并指派给您后，会显示在这里。" /> : null}
      {plans.map(({ round, ...plan }) => (
        <View key={plan.id} className="card pt-plan">
          <View className="card-title">
            {plan.name} <Text className="muted">{PATROL_FREQUENCY_LABELS[round.frequency]} {round.windowStart}–{round.windowEnd} · {plan.communityName}</Text>
          </View>
          {plan.pending ? <View className="muted pt-plan-pending">计划已修改，本期仍按原计划巡检，{plan.pending.from} 起按新计划。</View> : null}
          {plan.points.map((point) => (
            <View key={point.id} className="pt-row pt-point" onClick={point.retired ? undefined : () => void Taro.navigateTo({ url: patrolCheckPage(point, plan.id) })}>
              <View className="pt-row-main">
                <View className="pt-row-title">{point.name}</View>
                <View className="muted">{point.place}</View>
              </View>
              {point.result ? (
                <Text className={`badge ${point.result === 'abnormal' || point.late ? 'badge-rejected' : 'badge-closed'} pt-point-state`}>{`已巡检 · ${PATROL_RESULT_LABELS[point.result]}${point.sentLate ? ' · 补录（事后才提交，不计按时）' : point.late ? ` · 超时（应在 ${round.windowStart}–${round.windowEnd}）` : ''}`}</Text>
              ) : point.retired ? (
                <Text className="badge badge-rejected pt-point-state">已停用 · 本期未巡检，计为漏检</Text>
              ) : (
                <Text className="badge badge-pending pt-point-state">待巡检</Text>
              )}
            </View>
          ))}
        </View>
      ))}
      <PrivacyDialog />
    </View>
  );
}
