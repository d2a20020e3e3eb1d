import { useCallback, useEffect, useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Picker, View } from '@tarojs/components';
import { INSPECTION_KINDS, INSPECTION_KIND_LABELS, inspectionScore, shanghaiDate, type InspectionKind, type UploadView } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import type { Shot } from '../../../../components/PhotoPicker';
import PrivacyDialog from '../../../../components/PrivacyDialog';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { INSPECTION_FORM_PAGE, INSPECTIONS_PAGE, inspectionPage } from '../../../../routes';
import { inspectionDrafts, listTemplates, type DraftItem } from '../../../../services/inspections';
import type { OutboxPhoto } from '../../../../services/outbox-queue';
import { listScopedCommunities } from '../../../../services/roles';
import ItemCard, { EMPTY_ANSWER, type ItemAnswer } from '../../components/ItemCard';
import '../../inspections.scss';

/** "12, #15" → [12, 15]: the tickets an inspection traces (投诉溯源). */
const ticketNumbers = (text: string) => [...new Set((text.match(/\d+/g) ?? []).map(Number).filter((n) => n > 0))];

/**
 * 新建检查: the estate, the template that applies to it, kind, date and inspectors, then every item. The score is
 * shown as the items are marked. 提交 keeps the inspection on the phone first and sends it with its own key: without
 * a connection (a basement, a pump room) it waits and goes later, recorded once.
 */
export default function InspectionForm() {
  const gate = useSession({ returnTo: INSPECTION_FORM_PAGE });
  const signedIn = gate.phase === 'signed-in';
  const { me } = useMe(gate.phase);
  const estates = useRemote(useCallback(async () => (await listScopedCommunities()).items.map((c) => ({ id: c.id, name: c.name })), []), { enabled: signedIn });
  const [communityId, setCommunityId] = useState<number | null>(null);
  const firstEstate = estates.data?.[0]?.id ?? null;
  useEffect(() => setCommunityId((shown) => shown ?? firstEstate), [firstEstate]);
  const templates = useRemote(
    useCallback(() => listTemplates(communityId as number), [communityId]),
    { enabled: signedIn && communityId !== null },
  );
  const [templateId, setTemplateId] = useState<number | null>(null);
  const template = templates.data?.find((t) => t.id === templateId) ?? templates.data?.[0] ?? null;
  const [kind, setKind] = useState<InspectionKind>('quarterly');
  const [inspectedOn, setInspectedOn] = useState(shanghaiDate());
  const [inspectors, setInspectors] = useState('');
  const [traced, setTraced] = useState('');
  const [answers, setAnswers] = useState<Record<string, ItemAnswer>>({});
  const [shots, setShots] = useState<Record<string, Shot<UploadView>[]>>({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (me && !inspectors) setInspectors(me.displayName);
  }, [me, inspectors]);

  const answerOf = (code: string) => answers[code] ?? EMPTY_ANSWER;
  const score = useMemo(() => {
    if (!template) return null;
    const marked = template.items.filter((i) => answers[i.code]?.result).map((i) => ({ weight: i.weight, result: answers[i.code].result! }));
    return marked.length ? inspectionScore(marked) : null;
  }, [template, answers]);

  /** What is missing, in the order a person fills the form in; null when it may be sent. */
  const missing = (): string | null => {
    if (!template || communityId === null) return '请选择小区和检查表';
    const names = inspectors.split(/[,，、\s]+/).filter(Boolean);
    if (!names.length) return '请填写检查人员';
    if (kind === 'traced' && !ticketNumbers(traced).length) return '投诉溯源请填写被溯源的工单编号';
    for (const [index, item] of template.items.entries()) {
      const a = answerOf(item.code);
      if (!a.result) return `第 ${index + 1} 项还没有检查结果`;
      if (a.result === 'fail' && !a.note.trim()) return `第 ${index + 1} 项不合格，请写明问题`;
      if (a.result === 'fail' && !(a.rectifyDays >= 1 && a.rectifyDays <= 90)) return `第 ${index + 1} 项的整改期限应为 1–90 天`;
      if ((shots[item.code] ?? []).some((s) => s.state === 'uploading')) return '还有照片正在上传，请稍候';
    }
    return null;
  };

  const submit = async () => {
    if (busy || !me || !template || communityId === null) return;
    const why = missing();
    if (why) return setProblem(why);
    setBusy(true);
    setProblem('');
    const photos: OutboxPhoto[] = [];
    const results: DraftItem[] = template.items.map((item) => {
      const a = answerOf(item.code);
      const mine = a.result === 'fail' ? (shots[item.code] ?? []) : [];
      const photoSlots = mine.map((shot) => photos.push({ localPath: shot.path, uploadId: shot.answer?.id ?? null }) - 1);
      return a.result === 'fail' ? { code: item.code, result: 'fail', note: a.note.trim(), rectifyDays: a.rectifyDays, photoSlots } : { code: item.code, result: a.result!, photoSlots };
    });
    const draft = inspectionDrafts.queue(
      me.id,
      {
        communityName: estates.data?.find((e) => e.id === communityId)?.name ?? '',
        input: { communityId, templateId: template.id, kind, inspectedOn, inspectors: inspectors.split(/[,，、\s]+/).filter(Boolean), tracedTicketIds: kind === 'traced' ? ticketNumbers(traced) : [], results },
      },
      photos,
    );
    const outcome = await inspectionDrafts.send(draft.key);
    setBusy(false);
    if (outcome.status === 'sent') {
      void Taro.showToast({ title: '已提交', icon: 'success' });
      void Taro.redirectTo({ url: inspectionPage(outcome.result.id) });
    } else if (outcome.status === 'waiting') {
      await inspectionDrafts.keepPhotosOnPhone(draft.key);
      await Taro.showModal({ title: '已保存，待发送', content: `${outcome.message}。检查记录已保存在手机上，有网络时会自动发送，不会重复提交。`, showCancel: false, confirmText: '知道了' });
      void Taro.redirectTo({ url: INSPECTIONS_PAGE });
    } else {
      inspectionDrafts.discard(draft.key);
      setProblem(outcome.error.message);
    }
  };

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后记录检查。" />;

  return (
    <View className="page insp-page insp-form">
      <RemoteStatus phase={estates.phase} errorTitle="小区没能加载" errorMessage={estates.errorMessage} onRetry={() => void estates.reload()} />
      {estates.data && estates.data.length > 1 ? <ChoiceChips className="insp-estates" itemClassName="insp-estate" items={estates.data} chosen={communityId} onChoose={(e) => setCommunityId(e.id)} /> : null}
      <RemoteStatus phase={communityId === null ? 'ready' : templates.phase} errorTitle="检查表没能加载" errorMessage={templates.errorMessage} onRetry={() => void templates.reload()} />
      {templates.phase === 'ready' && templates.data?.length === 0 ? <StatusNotice className="insp-no-template" title="还没有适用于这个小区的检查表" text="检查表由县、镇住建部门制定。" /> : null}
      {template ? (
        <View>
          <View className="card insp-form-head">
            {templates.data && templates.data.length > 1 ? (
              <ChoiceChips className="insp-templates" itemClassName="insp-template" items={templates.data} keyOf={(t) => String(t.id)} labelOf={(t) => t.name} isSelected={(t) => t.id === template.id} onChoose={(t) => setTemplateId(t.id)} />
            ) : (
              <View className="card-title">{template.name}</View>
            )}
            <View className="field">
              <View className="field-label">检查方式</View>
              <ChoiceChips className="insp-kinds" itemClassName="insp-kind" items={INSPECTION_KINDS} keyOf={(k) => k} labelOf={(k) => INSPECTION_KIND_LABELS[k]} isSelected={(k) => k === kind} onChoose={setKind} />
            </View>
            <View className="field">
              <View className="field-label">检查日期</View>
              <Picker mode="date" value={inspectedOn} end={shanghaiDate()} onChange={(e) => setInspectedOn(String(e.detail.value))}>
                <View className="input insp-date">{inspectedOn}</View>
              </Picker>
            </View>
            <View className="field">
              <View className="field-label">检查人员（多人用逗号分隔）</View>
              <Input className="input insp-inspectors" value={inspectors} maxlength={100} onInput={(e) => setInspectors(e.detail.value)} />
            </View>
            {kind === 'traced' ? (
              <View className="field">
                <View className="field-label">溯源工单编号</View>
                <Input className="input insp-traced" value={traced} placeholder="例如：38, 41" onInput={(e) => setTraced(e.detail.value)} />
              </View>
            ) : null}
          </View>
          <View className="card insp-items">
            <View className="card-title">
              检查项目 <View className="insp-score insp-score-preview">{score === null ? '—' : `${score} 分`}</View>
            </View>
            {template.items.map((item, index) => (
              <ItemCard
                key={`${template.id}-${item.code}`}
                index={index}
                item={item}
                answer={answerOf(item.code)}
                onChange={(answer) => {
                  setAnswers((all) => ({ ...all, [item.code]: answer }));
                  setProblem('');
                }}
                onShots={(list) => setShots((all) => ({ ...all, [item.code]: list }))}
              />
            ))}
          </View>
          {problem ? <View className="form-error insp-form-error">{problem}</View> : null}
          <Button className="button button-primary button-block insp-submit" disabled={busy || undefined} onClick={() => void submit()}>
            {busy ? '正在提交…' : '提交检查结果'}
          </Button>
        </View>
      ) : null}
      <PrivacyDialog />
    </View>
  );
}
