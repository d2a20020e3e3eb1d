import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import {
  MEDIATION_OUTCOMES,
  MEDIATION_OUTCOME_LABELS,
  MEDIATOR_ROLES,
  MEDIATOR_ROLE_LABELS,
  MEETING_NAME_MAX,
  MEETING_TEXT_MAX,
  shanghaiDate,
  type MediationOutcome,
  type MediationParty,
  type Mediator,
} from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import PhotoPicker, { usePhotoPicker } from '../../../../components/PhotoPicker';
import PrivacyDialog from '../../../../components/PrivacyDialog';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import TextBox from '../../../../components/TextBox';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { mediationPage } from '../../../../routes';
import { uploadVoucher } from '../../../../services/disclosures';
import { errorText } from '../../../../services/errors';
import { fileUrl } from '../../../../services/http';
import { getMediation, recordMediationOutcome } from '../../../../services/meetings';
import '../../meetings.scss';

/**
 * 调解记录: the dispute, its parties (named in full to the office only) and mediators by role; the office records the
 * outcome once (化解 needs the signed agreement as a PDF), apart from the ticket's own state.
 */
export default function MediationPage() {
  const id = Number(useRouter().params.id);
  const gate = useSession({ returnTo: mediationPage(id) });
  const signedIn = gate.phase === 'signed-in';
  const remote = useRemote(
    useCallback(() => getMediation(id), [id]),
    { enabled: signedIn && id > 0 },
  );
  const mediation = remote.data;
  const [outcome, setOutcome] = useState<MediationOutcome>('resolved');
  const [mediatedOn, setMediatedOn] = useState(shanghaiDate());
  const [mediators, setMediators] = useState<Mediator[]>([{ role: 'mediator', name: '' }]);
  const [parties, setParties] = useState<MediationParty[]>([{ name: '', standing: '业主' }]);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const agreement = usePhotoPicker({ max: 1, unit: '份协议', upload: (file) => uploadVoucher(file.path, file.name) });

  const submit = async () => {
    if (!mediation) return;
    const named = mediators.filter((x) => x.name.trim());
    const listed = parties.filter((p) => p.name.trim() && p.standing.trim());
    if (!named.length) return setProblem('请填写调解员');
    if (!mediation.parties.length && !listed.length) return setProblem('请填写当事人');
    const upload = agreement.shots.find((s) => s.answer)?.answer;
    if (agreement.shots.some((s) => s.state !== 'done')) return setProblem('调解协议书还没有上传完成');
    if (outcome === 'resolved' && !upload) return setProblem('调解成功须上传调解协议书（PDF）');
    setBusy(true);
    setProblem('');
    try {
      remote.show(
        await recordMediationOutcome(mediation.id, {
          outcome,
          mediatedOn,
          mediators: named.map((x) => ({ role: x.role, name: x.name.trim() })),
          parties: mediation.parties.length ? undefined : listed.map((p) => ({ name: p.name.trim(), standing: p.standing.trim() })),
          note: note.trim() || undefined,
          agreementUploadId: upload?.id ?? null,
        }),
      );
      void Taro.showToast({ title: '已记录', icon: 'success' });
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后查看调解记录。" />;

  return (
    <View className="page mt-page mt-mediation">
      <RemoteStatus phase={remote.phase} errorTitle="调解记录没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />
      {remote.phase === 'ready' && mediation ? (
        <View>
          <View className="card mt-mediation-head">
            <View className="card-title">
              {mediation.communityName}
              <Text className={`badge badge-${mediation.outcome === 'resolved' ? 'approved' : 'pending'} mt-mediation-outcome`}>{mediation.outcome ? MEDIATION_OUTCOME_LABELS[mediation.outcome] : '调解中'}</Text>
            </View>
            <View className="wrap-text">{mediation.subject}</View>
            <View className="mt-facts">
              {mediation.parties.map((p, i) => (
                <Text key={i} className="mt-party">
                  {p.standing} {p.name}
                </Text>
              ))}
              {mediation.mediators.map((x, i) => (
                <Text key={`m${i}`} className="mt-mediator">
                  {MEDIATOR_ROLE_LABELS[x.role]} {x.name}
                </Text>
              ))}
              {mediation.mediatedOn ? <Text>调解于 {mediation.mediatedOn}</Text> : null}
            </View>
            {mediation.note ? <View className="wrap-text muted">{mediation.note}</View> : null}
            {mediation.agreement ? (
              process.env.TARO_ENV === 'h5' ? (
                <a className="mt-agreement" href={fileUrl(mediation.agreement.url)} target="_blank" rel="noreferrer">
                  调解协议书（PDF）
                </a>
              ) : (
                <View className="mt-agreement">调解协议书已存档</View>
              )
            ) : null}
          </View>
          {mediation.can.recordOutcome ? (
            <View className="card mt-outcome-form">
              <View className="card-title">记录调解结果</View>
              <ChoiceChips className="mt-outcomes" itemClassName="mt-outcome" items={MEDIATION_OUTCOMES} labels={MEDIATION_OUTCOME_LABELS} chosen={outcome} onChoose={setOutcome} />
              <View className="field-label">调解日期</View>
              <Picker mode="date" value={mediatedOn} end={shanghaiDate()} onChange={(e) => setMediatedOn(String(e.detail.value))}>
                <View className="input mt-mediated-on">{mediatedOn}</View>
              </Picker>
              <View className="field-label">调解员</View>
              {mediators.map((x, i) => (
                <View key={i} className="mt-attendee">
                  <ChoiceChips className="mt-mediator-roles" itemClassName="mt-mediator-role" items={MEDIATOR_ROLES} labels={MEDIATOR_ROLE_LABELS} chosen={x.role} onChoose={(role) => setMediators((all) => all.map((m, k) => (k === i ? { ...m, role } : m)))} />
                  <Input className="input mt-mediator-name" value={x.name} maxlength={MEETING_NAME_MAX} placeholder="姓名" onInput={(e) => setMediators((all) => all.map((m, k) => (k === i ? { ...m, name: e.detail.value } : m)))} />
                </View>
              ))}
              <Button className="button button-small mt-mediator-add" onClick={() => setMediators((all) => [...all, { role: 'lawyer', name: '' }])}>
                ＋ 再加一位
              </Button>
              {mediation.parties.length === 0 ? (
                <View>
                  <View className="field-label">当事人（只有社区能看到全名）</View>
                  {parties.map((p, i) => (
                    <View key={i} className="mt-attendee">
                      <Input className="input mt-party-name" value={p.name} maxlength={MEETING_NAME_MAX} placeholder="姓名" onInput={(e) => setParties((all) => all.map((q, k) => (k === i ? { ...q, name: e.detail.value } : q)))} />
                      <Input className="input mt-party-standing" value={p.standing} maxlength={MEETING_NAME_MAX} placeholder="身份，例如：业主" onInput={(e) => setParties((all) => all.map((q, k) => (k === i ? { ...q, standing: e.detail.value } : q)))} />
                    </View>
                  ))}
                  <Button className="button button-small mt-party-add" onClick={() => setParties((all) => [...all, { name: '', standing: '物业服务企业' }])}>
                    ＋ 再加一方
                  </Button>
                </View>
              ) : null}
              <View className="field-label">说明（选填）</View>
              <TextBox className="mt-outcome-note" value={note} max={MEETING_TEXT_MAX} placeholder="例如：物业赔偿维修费，双方签署协议" onChange={setNote} />
              <View className="field-label">调解协议书（PDF）</View>
              <PhotoPicker picker={agreement} className="mt-agreement-picker" pdf label="上传调解协议书" disabled={busy} />
              {problem ? <View className="form-error mt-outcome-error">{problem}</View> : null}
              <Button className="button button-primary button-block mt-outcome-submit" disabled={busy || undefined} onClick={() => void submit()}>
                {busy ? '正在提交…' : '保存调解结果'}
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
      <PrivacyDialog />
    </View>
  );
}
