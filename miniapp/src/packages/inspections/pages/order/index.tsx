import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import {
  INSPECTION_KIND_LABELS,
  INSPECTION_SECTION_LABELS,
  ITEM_PHOTOS_MAX,
  RECTIFICATION_ACTIONS,
  RECTIFICATION_STATE_LABELS,
  RECTIFICATION_TRANSITIONS,
  shanghaiDateTime,
  type RectificationAction,
  type RectificationView,
} from '@wuye/contracts';
import PhotoGrid from '../../../../components/PhotoGrid';
import PrivacyDialog from '../../../../components/PrivacyDialog';
import PhotoPicker, { usePhotoPicker } from '../../../../components/PhotoPicker';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import TextBox from '../../../../components/TextBox';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { rectificationPage } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { ApiError } from '../../../../services/http';
import { getRectification, takeRectificationStep } from '../../../../services/inspections';
import { uploadFile } from '../../../../services/uploads';
import '../../inspections.scss';

const HINTS: Record<RectificationAction, { label: string; placeholder: string }> = {
  reply: { label: '整改情况', placeholder: '例如：已清理消防通道杂物，并设置禁止堆放标识' },
  verify: { label: '复查意见（选填）', placeholder: '例如：复查合格' },
  return: { label: '退回原因', placeholder: '例如：楼梯间仍有杂物，请继续整改' },
};

/**
 * 整改单: what the inspector found, the deadline, every step so far; below, the one form for the step the API says
 * the caller may take now (回复整改 for the company's project manager, 销号 or 退回 for the inspecting office).
 */
export default function RectificationPage() {
  const id = Number(useRouter().params.id);
  const gate = useSession({ returnTo: rectificationPage(id) });
  const signedIn = gate.phase === 'signed-in';
  const load = useCallback(() => getRectification(id), [id]);
  const remote = useRemote(load, { enabled: signedIn && id > 0 });
  const order = remote.data;
  const [action, setAction] = useState<RectificationAction | null>(null);
  const [text, setText] = useState('');
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const photos = usePhotoPicker({ max: ITEM_PHOTOS_MAX, upload: (file) => uploadFile(file.path) });

  const open = (step: RectificationAction) => {
    setAction(step);
    setText('');
    setFormError('');
  };

  const submit = async (current: RectificationView, step: RectificationAction) => {
    const needs: { note?: string; photos?: number } = RECTIFICATION_TRANSITIONS[step].needs;
    const note = text.trim();
    if (needs.note === 'required' && !note) return setFormError(`请填写${HINTS[step].label}`);
    if (needs.photos && photos.shots.some((shot) => shot.state !== 'done')) return setFormError('还有照片没有上传完成');
    if (needs.photos && photos.shots.length < needs.photos) return setFormError('请上传整改后的照片');
    setBusy(true);
    try {
      const photoIds = needs.photos ? photos.shots.flatMap((shot) => (shot.answer ? [shot.answer.id] : [])) : undefined;
      remote.show(await takeRectificationStep(current.id, step, { version: current.version, note: note || undefined, photoIds }));
      setAction(null);
      void Taro.showToast({ title: '已提交', icon: 'success' });
    } catch (error) {
      setFormError(errorText(error));
      // Someone else took a step first: show the order as it is now.
      if (error instanceof ApiError && error.code === 'STALE_VERSION') await remote.reload(true);
    } finally {
      setBusy(false);
    }
  };

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后查看整改单。" />;

  const steps = order ? RECTIFICATION_ACTIONS.filter((step) => order.can[step]) : [];
  return (
    <View className="page insp-page insp-order-page">
      <RemoteStatus phase={remote.phase} errorTitle="整改单没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />
      {remote.phase === 'ready' && order ? (
        <View>
          <View className="card insp-order-head">
            <View className="card-title">
              {order.communityName} · {INSPECTION_SECTION_LABELS[order.section]}
              <Text className={`badge badge-${order.state} insp-order-state`}>{RECTIFICATION_STATE_LABELS[order.state]}</Text>
              {order.overdueAt && order.state !== 'verified' ? <Text className="badge badge-rejected insp-overdue">逾期 · 已转社区督办</Text> : null}
            </View>
            <View className="wrap-text insp-order-item">{order.itemText}</View>
            <View className="wrap-text insp-order-note">问题：{order.note}</View>
            <PhotoGrid photos={order.photos} className="insp-order-photos" />
            <View className="insp-facts">
              <Text>{order.companyName}</Text>
              <Text>
                {INSPECTION_KIND_LABELS[order.inspectionKind]} {order.inspectedOn}
              </Text>
              <Text className="insp-deadline">整改期限 {shanghaiDateTime(order.deadlineAt)}</Text>
            </View>
          </View>
          {steps.length > 0 && action === null ? (
            <View className="button-row insp-step-buttons">
              {steps.map((step) => (
                <Button key={step} className={`button ${step === 'return' ? '' : 'button-primary '}insp-step insp-step-${step}`} onClick={() => open(step)}>
                  {RECTIFICATION_TRANSITIONS[step].label}
                </Button>
              ))}
            </View>
          ) : null}
          {action ? (
            <View className={`card insp-panel insp-panel-${action}`}>
              <View className="card-title">{RECTIFICATION_TRANSITIONS[action].label}</View>
              <View className="field">
                <View className="field-label">{HINTS[action].label}</View>
                <TextBox
                  className="insp-panel-text"
                  value={text}
                  max={500}
                  placeholder={HINTS[action].placeholder}
                  onChange={(value) => {
                    setText(value);
                    setFormError('');
                  }}
                />
              </View>
              {action === 'reply' ? (
                <View className="field">
                  <View className="field-label">整改后的照片（至少 1 张）</View>
                  <PhotoPicker picker={photos} className="insp-panel-photos" disabled={busy} />
                </View>
              ) : null}
              {formError ? <View className="form-error insp-panel-error">{formError}</View> : null}
              <View className="button-row">
                <Button className="button button-primary insp-panel-submit" disabled={busy || undefined} onClick={() => void submit(order, action)}>
                  {busy ? '正在提交…' : `确认${RECTIFICATION_TRANSITIONS[action].label}`}
                </Button>
                <Button className="button insp-panel-cancel" disabled={busy || undefined} onClick={() => setAction(null)}>
                  取消
                </Button>
              </View>
            </View>
          ) : null}
          <View className="card insp-timeline">
            <View className="card-title">整改记录</View>
            {order.timeline.map((e) => (
              <View key={e.id} className={`insp-event insp-event-${e.action}`}>
                <View className="insp-row-title">
                  {e.actionLabel}
                  {e.toState && e.toState !== e.fromState ? <Text className="badge badge-pending">{RECTIFICATION_STATE_LABELS[e.toState]}</Text> : null}
                </View>
                <View className="muted">
                  {e.actorName ?? '系统'} · {shanghaiDateTime(e.at)}
                </View>
                {e.note ? <View className="wrap-text insp-event-note">{e.note}</View> : null}
                <PhotoGrid photos={e.photos} className="insp-event-photos" />
              </View>
            ))}
          </View>
        </View>
      ) : null}
      <PrivacyDialog />
    </View>
  );
}
