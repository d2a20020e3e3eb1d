import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { PATROL_FREQUENCIES, PATROL_FREQUENCY_LABELS, PATROL_POINT_KINDS, PATROL_POINT_KIND_LABELS, type PatrolPlanUpdate, type PatrolPlanView, type PatrolPointKind, type PatrolPointView } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import ExportButton from '../../../../components/ExportButton';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import { useMe } from '../../../../hooks/useMe';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { PATROL_POINTS_PAGE } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { createPatrolPlan, createPatrolPoint, downloadPatrolCode, listPatrolPlans, listPatrolPoints, retirePatrolPoint, updatePatrolPlan } from '../../../../services/patrols';
import { listAssignees } from '../../../../services/tickets';
import '../../patrols.scss';

type PlanForm = Omit<PatrolPlanUpdate, 'assigneeId'> & { assigneeId: number | null };
const NEW_PLAN: PlanForm = { name: '', pointIds: [], frequency: 'daily', windowStart: '08:00', windowEnd: '10:00', assigneeId: null };

/**
 * 巡检点与计划 (project managers): the estate's check points, each with its printable code (打印巡检码) and 停用, and its
 * patrol plans, each to 修改; a new point (name, place, kind) and a new plan (points, frequency, time window, who
 * patrols). The plan form serves both: 修改 fills it with the plan, 保存修改 sends it.
 */
export default function PatrolPoints() {
  const gate = useSession({ returnTo: PATROL_POINTS_PAGE });
  const signedIn = gate.phase === 'signed-in';
  const { me } = useMe(gate.phase);
  const estates = [...new Map((me?.roles ?? []).filter((r) => r.role === 'manager' && r.communityId).map((r) => [r.communityId as number, { id: r.communityId as number, name: r.scopeName ?? '' }])).values()];
  const [chosen, setChosen] = useState<number | null>(null);
  const communityId = chosen ?? estates[0]?.id ?? null;
  const remote = useRemote(
    useCallback(async () => {
      const id = communityId as number;
      const [points, plans, staff] = await Promise.all([listPatrolPoints(id), listPatrolPlans({ communityId: id }), listAssignees(id)]);
      return { points, plans, staff };
    }, [communityId]),
    { enabled: signedIn && communityId !== null },
  );
  const data = remote.data;
  const [point, setPoint] = useState<{ name: string; place: string; kind: PatrolPointKind }>({ name: '', place: '', kind: 'fire_lane' });
  const [plan, setPlan] = useState<PlanForm>(NEW_PLAN);
  /** The plan being edited, or null: a new one. */
  const [editing, setEditing] = useState<number | null>(null);
  const [problem, setProblem] = useState<{ point?: string; plan?: string }>({});

  const addPoint = async () => {
    if (!point.name.trim() || !point.place.trim()) return setProblem({ point: '请填写巡检点名称和位置' });
    try {
      await createPatrolPoint(communityId as number, { name: point.name.trim(), place: point.place.trim(), kind: point.kind });
      setPoint({ name: '', place: '', kind: point.kind });
      setProblem({});
      await remote.reload(true);
    } catch (error) {
      setProblem({ point: errorText(error) });
    }
  };
  /**
   * 停用, once confirmed: the point leaves the plans once their period in progress ends (that round still counts it, and
   * it can no longer be checked: the dialog says so); what was checked there stays on record.
   */
  const retirePoint = async (p: PatrolPointView) => {
    const { confirm } = await Taro.showModal({
      title: `停用“${p.name}”？`,
      content: '停用后不能再巡检它，下一期起不再列入巡检计划；本期仍计，本期还没巡检的将计为漏检，请先巡检再停用。已有的巡检记录和隐患保留。',
      confirmText: '停用',
    });
    if (!confirm) return;
    try {
      await retirePatrolPoint(communityId as number, p.id);
      setPlan({ ...plan, pointIds: plan.pointIds.filter((id) => id !== p.id) });
      setProblem({});
      void Taro.showToast({ title: '已停用', icon: 'success' });
      await remote.reload(true);
    } catch (error) {
      setProblem({ point: errorText(error) });
    }
  };
  const editPlan = (p: PatrolPlanView) => {
    setEditing(p.id);
    setPlan({ name: p.name, pointIds: p.pointIds, frequency: p.frequency, windowStart: p.windowStart, windowEnd: p.windowEnd, assigneeId: p.assigneeId });
    setProblem({});
  };
  const stopEditing = () => {
    setEditing(null);
    setPlan({ ...NEW_PLAN, frequency: plan.frequency, windowStart: plan.windowStart, windowEnd: plan.windowEnd, assigneeId: plan.assigneeId });
    setProblem({});
  };
  const savePlan = async () => {
    if (!plan.name.trim()) return setProblem({ plan: '请填写计划名称' });
    if (!plan.pointIds.length) return setProblem({ plan: '请选择巡检点' });
    if (plan.assigneeId === null) return setProblem({ plan: '请选择巡检人' });
    const input = { name: plan.name.trim(), pointIds: plan.pointIds, frequency: plan.frequency, windowStart: plan.windowStart, windowEnd: plan.windowEnd, assigneeId: plan.assigneeId };
    try {
      const saved = editing !== null ? await updatePatrolPlan(editing, input) : await createPatrolPlan({ communityId: communityId as number, ...input });
      setEditing(null);
      setPlan({ ...plan, name: '', pointIds: [] });
      setProblem({});
      void Taro.showToast({ title: saved.pending ? `已保存，${saved.pending.from.slice(5)} 起生效` : '已保存', icon: saved.pending ? 'none' : 'success' });
      await remote.reload(true);
    } catch (error) {
      setProblem({ plan: errorText(error) });
    }
  };

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后管理巡检点。" />;
  return (
    <View className="page pt-page pt-points">
      {estates.length > 1 ? <ChoiceChips className="pt-estates" itemClassName="pt-estate" items={estates} chosen={communityId} onChoose={(e) => setChosen(e.id)} /> : null}
      <RemoteStatus phase={remote.phase} errorTitle="巡检点没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />
      {data ? (
        <View>
          <View className="card pt-point-list">
            <View className="card-title">巡检点</View>
            {data.points.map((p) => (
              <View key={p.id} className="pt-row pt-point-item">
                <View className="pt-row-main">
                  <View className="pt-row-title">
                    {p.name} <Text className="muted">{PATROL_POINT_KIND_LABELS[p.kind]}</Text>
                  </View>
                  <View className="muted">{p.place}</View>
                </View>
                <ExportButton className="pt-code" label="打印巡检码" download={() => downloadPatrolCode(p)} />
                <Button className="button button-small pt-point-retire" onClick={() => void retirePoint(p)}>
                  停用
                </Button>
              </View>
            ))}
            <View className="field">
              <Input className="input pt-point-name" value={point.name} maxlength={50} placeholder="名称，例如：2号楼消防通道" onInput={(e) => setPoint({ ...point, name: e.detail.value })} />
              <Input className="input pt-point-place" value={point.place} maxlength={100} placeholder="位置，例如：2号楼负一层东侧" onInput={(e) => setPoint({ ...point, place: e.detail.value })} />
              <ChoiceChips className="pt-kinds" itemClassName="pt-kind" items={PATROL_POINT_KINDS} keyOf={(k) => k} labelOf={(k) => PATROL_POINT_KIND_LABELS[k]} isSelected={(k) => k === point.kind} onChoose={(kind) => setPoint({ ...point, kind })} />
            </View>
            {problem.point ? <View className="form-error pt-point-error">{problem.point}</View> : null}
            <Button className="button button-small pt-point-add" onClick={() => void addPoint()}>
              ＋ 添加巡检点
            </Button>
          </View>
          <View className="card pt-plan-list">
            <View className="card-title">巡检计划</View>
            {data.plans.map((p) => (
              <View key={p.id} className={`pt-row pt-plan-item${editing === p.id ? ' pt-plan-editing' : ''}`}>
                <View className="pt-row-main">
                  <View className="pt-row-title">{p.name}</View>
                  <View className="pt-facts">
                    <Text>
                      {PATROL_FREQUENCY_LABELS[p.frequency]} {p.windowStart}–{p.windowEnd}
                    </Text>
                    <Text>{p.assigneeName}</Text>
                    <Text>{p.pointIds.length ? p.pointIds.map((id) => data.points.find((x) => x.id === id)?.name ?? '').join('、') : '没有巡检点'}</Text>
                  </View>
                  {p.pending ? <View className="muted pt-plan-pending">本期仍按原计划巡检，修改 {p.pending.from} 起生效</View> : null}
                </View>
                <Button className="button button-small pt-plan-edit" onClick={() => editPlan(p)}>
                  修改
                </Button>
              </View>
            ))}
            {editing !== null ? <View className="card-title pt-plan-form-title">修改巡检计划</View> : null}
            <View className="field">
              <Input className="input pt-plan-name" value={plan.name} maxlength={50} placeholder="计划名称，例如：消防设施日巡" onInput={(e) => setPlan({ ...plan, name: e.detail.value })} />
              <View className="field-label">巡检点</View>
              <ChoiceChips
                className="pt-plan-points"
                itemClassName="pt-plan-point"
                items={data.points}
                keyOf={(p) => String(p.id)}
                labelOf={(p) => p.name}
                isSelected={(p) => plan.pointIds.includes(p.id)}
                onChoose={(p) => setPlan({ ...plan, pointIds: plan.pointIds.includes(p.id) ? plan.pointIds.filter((id) => id !== p.id) : [...plan.pointIds, p.id] })}
              />
              <View className="field-label">频次与时段</View>
              <ChoiceChips className="pt-frequencies" itemClassName="pt-frequency" items={PATROL_FREQUENCIES} keyOf={(f) => f} labelOf={(f) => PATROL_FREQUENCY_LABELS[f]} isSelected={(f) => f === plan.frequency} onChoose={(frequency) => setPlan({ ...plan, frequency })} />
              <View className="pt-actions">
                <Input className="input pt-window-start" value={plan.windowStart} maxlength={5} onInput={(e) => setPlan({ ...plan, windowStart: e.detail.value })} />
                <Text>至</Text>
                <Input className="input pt-window-end" value={plan.windowEnd} maxlength={5} onInput={(e) => setPlan({ ...plan, windowEnd: e.detail.value })} />
              </View>
              <View className="field-label">巡检人</View>
              <ChoiceChips className="pt-assignees" itemClassName="pt-assignee" items={data.staff} keyOf={(s) => String(s.id)} labelOf={(s) => s.displayName} isSelected={(s) => s.id === plan.assigneeId} onChoose={(s) => setPlan({ ...plan, assigneeId: s.id })} />
            </View>
            {problem.plan ? <View className="form-error pt-plan-error">{problem.plan}</View> : null}
            <View className="pt-actions">
              <Button className="button button-small pt-plan-add" onClick={() => void savePlan()}>
                {editing !== null ? '保存修改' : '＋ 添加巡检计划'}
              </Button>
              {editing !== null ? (
                <Button className="button button-small pt-plan-cancel" onClick={stopEditing}>
                  取消
                </Button>
              ) : null}
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}
