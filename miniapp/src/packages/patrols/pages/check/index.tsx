import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { ITEM_PHOTOS_MAX, PATROL_RESULTS, PATROL_RESULT_LABELS, type PatrolResult } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import PhotoPicker, { usePhotoPicker } from '../../../../components/PhotoPicker';
import PrivacyDialog from '../../../../components/PrivacyDialog';
import { SignedOutPage } from '../../../../components/RemoteStatus';
import TextBox from '../../../../components/TextBox';
import { useSession } from '../../../../hooks/useSession';
import { PATROLS_PAGE } from '../../../../routes';
import { patrolChecks } from '../../../../services/patrols';
import { sessionUserId } from '../../../../services/session';
import { uploadPhoto } from '../../../../services/uploads';
import '../../patrols.scss';

/**
 * 巡检打卡 at one point: 正常 or 异常; an abnormal check needs what is wrong and a photo, and opens a hazard ticket.
 * The check is kept on the phone with the time it was made and sent with its own key: offline it waits and goes later.
 */
export default function PatrolCheckPage() {
  const params = useRouter().params;
  const pointId = Number(params.pointId);
  const planId = params.planId ? Number(params.planId) : undefined;
  const name = params.name ? decodeURIComponent(params.name) : '巡检点';
  const gate = useSession({ returnTo: PATROLS_PAGE });
  const [result, setResult] = useState<PatrolResult | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const photos = usePhotoPicker({ max: ITEM_PHOTOS_MAX, upload: (file) => uploadPhoto(file.path) });

  const submit = async () => {
    const userId = sessionUserId();
    if (busy || userId === null) return;
    if (!result) return setProblem('请选择巡检结果');
    if (result === 'abnormal' && !note.trim()) return setProblem('请写明发现的问题');
    if (result === 'abnormal' && photos.shots.length === 0) return setProblem('巡检异常，请至少拍一张现场照片');
    setBusy(true);
    setProblem('');
    const shots = result === 'abnormal' ? await photos.settled() : [];
    const draft = patrolChecks.queue(
      userId,
      { pointName: name, input: { pointId, planId, result, note: note.trim() || undefined, checkedAt: new Date().toISOString(), code: params.code || undefined } },
      shots.map((shot) => ({ localPath: shot.path, uploadId: shot.answer?.id ?? null })),
    );
    const outcome = await patrolChecks.send(draft.key);
    setBusy(false);
    if (outcome.status === 'sent') {
      await Taro.showToast({ title: outcome.result.ticketId ? `已上报隐患 #${outcome.result.ticketId}` : '已巡检', icon: 'success' });
      void Taro.navigateBack();
    } else if (outcome.status === 'waiting') {
      await patrolChecks.keepPhotosOnPhone(draft.key);
      await Taro.showModal({ title: '已保存，待发送', content: `${outcome.message}。巡检记录已保存在手机上，有网络时会自动发送，不会重复提交。`, showCancel: false, confirmText: '知道了' });
      void Taro.navigateBack();
    } else {
      patrolChecks.discard(draft.key);
      setProblem(outcome.error.message);
    }
  };

  if (gate.phase !== 'signed-in') return <SignedOutPage gate={gate} purpose="登录后巡检。" />;
  return (
    <View className="page pt-page pt-check">
      <View className="card">
        <View className="card-title pt-check-name">{name}</View>
        <View className="field">
          <View className="field-label">巡检结果</View>
          <ChoiceChips className="pt-results" itemClassName="pt-result" items={PATROL_RESULTS} keyOf={(r) => r} labelOf={(r) => PATROL_RESULT_LABELS[r]} isSelected={(r) => r === result} onChoose={(r) => { setResult(r); setProblem(''); }} />
        </View>
        <View className="field">
          <View className="field-label">{result === 'abnormal' ? '发现的问题（必填，将上报为隐患工单）' : '备注（选填）'}</View>
          <TextBox className="pt-note" value={note} max={500} placeholder={result === 'abnormal' ? '例如：水泵漏水，地面积水' : ''} onChange={(value) => { setNote(value); setProblem(''); }} />
        </View>
        {result === 'abnormal' ? (
          <View className="field">
            <View className="field-label">现场照片（至少 1 张）</View>
            <PhotoPicker picker={photos} className="pt-photos" sources="separate" disabled={busy} />
          </View>
        ) : null}
        {problem ? <View className="form-error pt-error">{problem}</View> : null}
        <Button className="button button-primary button-block pt-submit" disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在提交…' : '提交巡检'}
        </Button>
      </View>
      <PrivacyDialog />
    </View>
  );
}
