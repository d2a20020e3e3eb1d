import { useEffect, useState } from 'react';
import { Button, View } from '@tarojs/components';
import { TICKET_ACTION_LABELS, TICKET_PHOTOS_MAX, TICKET_TRANSITIONS, type TicketAction, type TransitionInput } from '@wuye/contracts';
import AssigneePicker, { type AssigneeChoice } from '../AssigneePicker';
import PhotoPicker, { usePhotoPicker } from '../../../../components/PhotoPicker';
import { uploadFile } from '../../../../services/uploads';
import TextBox from '../../../../components/TextBox';

export type TransitionRequest = Omit<TransitionInput, 'version'>;

const NOTE_MAX = 1000;
const REASON_MAX = 500;

/** What each step asks for, in words the person acting understands. */
const REASON_HINTS: Partial<Record<TicketAction, { label: string; placeholder: string }>> = {
  reject: { label: '不予受理的原因（报事人会看到）', placeholder: '例如：属于业主户内自有设施，请联系专业维修' },
  reopen: { label: '重新办理的原因', placeholder: '请说明哪里还没有解决' },
  appeal: { label: '申诉理由', placeholder: '请说明申诉的理由' },
  visit_dissatisfied: { label: '不满意的原因（工单将重新办理）', placeholder: '例如：来电人说楼道灯还是不亮' },
};
const NOTE_PLACEHOLDERS: Partial<Record<TicketAction, string>> = {
  accept: '例如：已安排维修师傅，今天下午上门',
  assign: '例如：请带上备用按钮面板',
  start: '例如：已到现场',
  visit_satisfied: '例如：王先生表示灯已修好，满意',
  visit_unreachable: '例如：电话无人接听',
};

/**
 * The form of one step, shaped by what the lifecycle table says it needs: a reason (不予受理), a person or outside
 * body (转办), feedback text and photos (反馈结果), or just a confirmation with an optional note for the reporter.
 */
export default function TicketActionPanel({
  action,
  communityId,
  busy,
  onSubmit,
  onCancel,
}: {
  action: TicketAction;
  communityId: number;
  busy: boolean;
  onSubmit: (request: TransitionRequest) => void;
  onCancel: () => void;
}) {
  const needs = TICKET_TRANSITIONS.find((rule) => rule.action === action)?.needs ?? [];
  const label = TICKET_ACTION_LABELS[action];
  const [text, setText] = useState('');
  const [assignee, setAssignee] = useState<AssigneeChoice>({});
  const photos = usePhotoPicker({ max: TICKET_PHOTOS_MAX, upload: (file) => uploadFile(file.path) });
  const [formError, setFormError] = useState('');
  useEffect(() => setFormError(''), [photos.shots]);

  const needsReason = needs.includes('reason');
  const needsAssignee = needs.includes('assignee');
  const resolving = needs.includes('photos');

  const submit = () => {
    const value = text.trim();
    if (needsReason && !value) return setFormError('请填写原因');
    if (needsAssignee && !assignee.assigneeId && !assignee.externalAssignee?.trim()) return setFormError('请选择处理人，或填写外部单位名称');
    if (resolving && !value) return setFormError('请填写处理结果');
    if (resolving && photos.shots.some((shot) => shot.state !== 'done')) return setFormError('还有照片没有上传完成');
    if (resolving && photos.shots.length === 0) return setFormError('请上传处理后的照片');
    setFormError('');
    const request: TransitionRequest = { action };
    if (needsReason) request.reason = value;
    else if (value) request.note = value;
    if (needsAssignee) {
      if (assignee.assigneeId) request.assigneeId = assignee.assigneeId;
      else request.externalAssignee = assignee.externalAssignee?.trim();
    }
    if (resolving) request.photoIds = photos.shots.flatMap((shot) => (shot.answer ? [shot.answer.id] : []));
    onSubmit(request);
  };

  const textLabel = needsReason ? (REASON_HINTS[action]?.label ?? '原因') : resolving ? '处理结果（报事人会看到）' : '备注（选填，报事人会看到）';
  const placeholder = needsReason ? (REASON_HINTS[action]?.placeholder ?? '') : resolving ? '例如：已更换电梯按钮面板，测试正常' : (NOTE_PLACEHOLDERS[action] ?? '');
  return (
    <View className={`card ticket-panel ticket-panel-${action}`}>
      <View className="card-title">{label}</View>
      {needsAssignee ? (
        <AssigneePicker
          communityId={communityId}
          value={assignee}
          onChange={(choice) => {
            setAssignee(choice);
            setFormError('');
          }}
        />
      ) : null}
      <View className="field">
        <View className="field-label">{textLabel}</View>
        <TextBox
          className="ticket-panel-text"
          value={text}
          max={needsReason ? REASON_MAX : NOTE_MAX}
          placeholder={placeholder}
          onChange={(value) => {
            setText(value);
            setFormError('');
          }}
        />
      </View>
      {resolving ? (
        <View className="field">
          <View className="field-label">处理后的照片（至少 1 张）</View>
          <PhotoPicker picker={photos} className="ticket-panel-photos" disabled={busy} />
        </View>
      ) : null}
      {formError ? <View className="form-error ticket-panel-error">{formError}</View> : null}
      <View className="button-row">
        <Button
          className={`button button-primary ticket-panel-submit${action === 'reject' ? ' button-danger' : ''}`}
          disabled={busy || undefined}
          onClick={submit}
        >
          {busy ? '正在提交…' : `确认${label}`}
        </Button>
        <Button className="button ticket-panel-cancel" disabled={busy || undefined} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}
