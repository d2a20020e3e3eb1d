import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { ATTENDANCE_STATUS_LABELS, MEETING_NAME_MAX, periodLabel, type AttendanceRow } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { LIAISONS_PAGE, meetingPage } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { assignLiaison, getAttendance } from '../../../../services/meetings';
import { overseenAreas, statsPeriods } from '../../../../services/periods';
import '../../meetings.scss';

const BADGE = { met: 'badge-approved', due: 'badge-pending', overdue: 'badge-rejected' } as const;

/** The county's form for one estate: the leader's name and title; the one before steps down. */
function AssignForm({ row, onAssigned, onCancel }: { row: AttendanceRow; onAssigned: () => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!name.trim() || !title.trim()) return setError('请填写挂钩领导的姓名和职务');
    setBusy(true);
    try {
      await assignLiaison({ communityId: row.communityId, name: name.trim(), title: title.trim() });
      void Taro.showToast({ title: '已指派', icon: 'success' });
      onAssigned();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="mt-panel mt-liaison-form">
      <Input className="input mt-liaison-name" value={name} maxlength={MEETING_NAME_MAX} placeholder="姓名，例如：王建国" onInput={(e) => setName(e.detail.value)} />
      <Input className="input mt-liaison-title" value={title} maxlength={50} placeholder="职务，例如：县住建局副局长" onInput={(e) => setTitle(e.detail.value)} />
      {row.liaison ? <View className="muted">指派后，{row.liaison.name}不再挂钩这个小区。</View> : null}
      {error ? <View className="form-error mt-liaison-error">{error}</View> : null}
      <View className="button-row">
        <Button className="button button-primary mt-liaison-submit" disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在提交…' : '确认指派'}
        </Button>
        <Button className="button mt-liaison-cancel" disabled={busy || undefined} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

/**
 * 挂钩领导列席 (offices, regulators): each estate of the area with its liaison leader and whether the leader sat in on
 * a joint meeting this quarter — met, due, overdue — as disclosure compliance is shown. The county's regulator assigns
 * (or replaces) the leaders here; the API says whether the caller may (`canAssign`).
 */
export default function LiaisonsPage() {
  const gate = useSession({ returnTo: LIAISONS_PAGE });
  const signedIn = gate.phase === 'signed-in';
  const { me } = useMe(gate.phase);
  const areas = overseenAreas(me);
  const [chosenArea, setChosenArea] = useState<number | null>(null);
  const areaId = chosenArea ?? areas[0]?.id ?? null;
  // This quarter and the one before: a year is not a quarter's attendance.
  const quarters = statsPeriods().slice(0, 2);
  const [period, setPeriod] = useState(quarters[0]);
  const [assigning, setAssigning] = useState<number | null>(null);
  const remote = useRemote(
    useCallback(() => getAttendance(areaId as number, period), [areaId, period]),
    { enabled: signedIn && areaId !== null },
  );
  const data = remote.data;

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后查看挂钩领导列席情况。" />;
  if (me && areas.length === 0) return <StatusNotice className="mt-no-area" title="没有可查看的区域" text="挂钩领导列席情况供社区（村）和住建部门使用。" />;
  const count = (status: keyof typeof ATTENDANCE_STATUS_LABELS) => data?.rows.filter((r) => r.status === status).length ?? 0;
  return (
    <View className="page mt-page mt-liaisons">
      {areas.length > 1 ? <ChoiceChips className="mt-areas" itemClassName="mt-area" items={areas} chosen={areaId} onChoose={(a) => setChosenArea(a.id)} /> : null}
      <ChoiceChips className="mt-periods" itemClassName="mt-period" items={quarters} keyOf={(p) => p} labelOf={periodLabel} isSelected={(p) => p === period} onChoose={setPeriod} />
      <RemoteStatus phase={remote.phase} errorTitle="列席情况没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />
      {remote.phase === 'ready' && data ? (
        <View>
          <View className="card mt-liaison-total">
            <View className="card-title">
              {data.area.name} {periodLabel(data.period)}
            </View>
            <View className="mt-facts">
              <Text>已列席 {count('met')}</Text>
              <Text>待召开 {count('due')}</Text>
              <Text>逾期未列席 {count('overdue')}</Text>
              <Text>未指派 {data.rows.filter((r) => !r.liaison).length}</Text>
            </View>
          </View>
          <View className="card mt-liaison-rows">
            {data.rows.map((r) => (
              <View key={r.communityId} className="mt-liaison-row">
                <View className="mt-row">
                  <View className="mt-row-main" onClick={() => (r.meetingId ? void Taro.navigateTo({ url: meetingPage(r.meetingId) }) : undefined)}>
                    <View className="mt-row-title">{r.communityName}</View>
                    <View className="mt-facts">
                      <Text>{r.liaison ? `${r.liaison.name}（${r.liaison.title}）` : '未指派挂钩领导'}</Text>
                    </View>
                  </View>
                  {r.status ? <Text className={`badge ${BADGE[r.status]} mt-liaison-status`}>{ATTENDANCE_STATUS_LABELS[r.status]}</Text> : null}
                </View>
                {data.canAssign && assigning !== r.communityId ? (
                  <Button className="button button-small mt-liaison-assign" onClick={() => setAssigning(r.communityId)}>
                    {r.liaison ? '更换挂钩领导' : '指派挂钩领导'}
                  </Button>
                ) : null}
                {assigning === r.communityId ? (
                  <AssignForm
                    row={r}
                    onCancel={() => setAssigning(null)}
                    onAssigned={() => {
                      setAssigning(null);
                      void remote.reload(true);
                    }}
                  />
                ) : null}
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
