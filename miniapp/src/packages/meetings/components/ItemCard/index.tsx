import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import {
  MEETING_ITEM_ACTIONS,
  MEETING_ITEM_STATE_LABELS,
  MEETING_ITEM_TRANSITIONS,
  MEETING_PARTY_LABELS,
  MEETING_TEXT_MAX,
  shanghaiDateTime,
  type MeetingItemAction,
  type MeetingItemView,
} from '@wuye/contracts';
import TextBox from '../../../../components/TextBox';
import { errorText } from '../../../../services/errors';
import { ApiError } from '../../../../services/http';
import { takeItemStep } from '../../../../services/meetings';

const HINTS: Record<MeetingItemAction, { label: string; placeholder: string }> = {
  done: { label: '落实情况', placeholder: '例如：门机已更换，电梯公司验收合格' },
  verify: { label: '核验意见（选填）', placeholder: '例如：现场核验，落实到位' },
  return: { label: '退回原因', placeholder: '例如：门厅按钮仍然失灵' },
};

interface ItemCardProps {
  item: MeetingItemView;
  onChanged: (item: MeetingItemView) => void;
  /** Someone else moved it first: the page loads it again. */
  onStale: () => void;
}

/**
 * 议定项目: what was agreed, who answers for it, by when, its steps so far; the buttons are exactly the steps the
 * API's `can` offers (报落实 for the owner party, 核验 or 退回 for the office), each opening a note.
 */
export default function ItemCard({ item, onChanged, onStale }: ItemCardProps) {
  const [action, setAction] = useState<MeetingItemAction | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // The steps the caller may take, and those they would take but may not now (核验 by whoever reported it done): shown disabled with the reason.
  const steps = MEETING_ITEM_ACTIONS.filter((step) => item.can[step] || item.blocked[step]);

  const submit = async (step: MeetingItemAction) => {
    const note = text.trim();
    if (MEETING_ITEM_TRANSITIONS[step].needs.note === 'required' && !note) return setError(`请填写${HINTS[step].label}`);
    setBusy(true);
    try {
      onChanged(await takeItemStep(item.id, step, item.version, note || undefined));
      setAction(null);
      void Taro.showToast({ title: '已提交', icon: 'success' });
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError && e.code === 'STALE_VERSION') onStale();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={`mt-item mt-item-${item.state}`}>
      <View className="mt-row-title wrap-text">
        {item.text}
        <Text className={`badge badge-${item.state === 'verified' ? 'approved' : 'pending'} mt-item-state`}>{MEETING_ITEM_STATE_LABELS[item.state]}</Text>
        {item.overdueAt && item.state === 'open' ? <Text className="badge badge-rejected mt-item-overdue">逾期 · 社区督办</Text> : null}
      </View>
      <View className="mt-facts">
        <Text>
          {MEETING_PARTY_LABELS[item.ownerParty]} {item.ownerName}
        </Text>
        <Text>期限 {shanghaiDateTime(item.deadlineAt)}</Text>
        {item.ticketId ? <Text>工单 #{item.ticketId}</Text> : null}
        {item.questionId ? <Text>公示质询 #{item.questionId}</Text> : null}
        {item.rectificationId ? <Text>整改单 #{item.rectificationId}</Text> : null}
      </View>
      {steps.length > 0 && action === null ? (
        <View className="mt-actions">
          {steps.map((step) => (
            <Button
              key={step}
              className={`button ${step === 'return' ? '' : 'button-primary '}mt-step mt-step-${step}`}
              disabled={!item.can[step] || undefined}
              onClick={() => {
                if (!item.can[step]) return;
                setAction(step);
                setText('');
                setError('');
              }}
            >
              {MEETING_ITEM_TRANSITIONS[step].label}
            </Button>
          ))}
        </View>
      ) : null}
      {action === null
        ? MEETING_ITEM_ACTIONS.flatMap((step) =>
            item.blocked[step] ? [
              <View key={step} className="muted mt-step-blocked">
                {item.blocked[step]}
              </View>,
            ] : [],
          )
        : null}
      {action ? (
        <View className={`mt-panel mt-panel-${action}`}>
          <View className="field-label">{HINTS[action].label}</View>
          <TextBox
            className="mt-panel-text"
            value={text}
            max={MEETING_TEXT_MAX}
            placeholder={HINTS[action].placeholder}
            onChange={(value) => {
              setText(value);
              setError('');
            }}
          />
          {error ? <View className="form-error mt-panel-error">{error}</View> : null}
          <View className="button-row">
            <Button className="button button-primary mt-panel-submit" disabled={busy || undefined} onClick={() => void submit(action)}>
              {busy ? '正在提交…' : `确认${MEETING_ITEM_TRANSITIONS[action].label}`}
            </Button>
            <Button className="button mt-panel-cancel" disabled={busy || undefined} onClick={() => setAction(null)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
      {item.timeline.length > 1 ? (
        <View className="mt-timeline">
          {item.timeline.slice(1).map((e) => (
            <View key={e.id} className={`mt-event mt-event-${e.action}`}>
              <View>
                {e.actionLabel} · {e.actorName ?? '系统'} · {shanghaiDateTime(e.at)}
              </View>
              {e.note ? <View className="wrap-text muted">{e.note}</View> : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
