import { useCallback, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Picker, Text, View } from '@tarojs/components';
import {
  addDays,
  shanghaiDate,
  shanghaiDateTime,
  shanghaiTimeOn,
  TICKET_KIND_LABELS,
  type EscalationView,
  type TicketView,
} from '@wuye/contracts';
import StatusNotice from '../../../../components/StatusNotice';
import { useSession } from '../../../../hooks/useSession';
import { OVERSIGHT_TICKET_PAGE } from '../../../../routes';
import { closeEscalation, commentOnEscalation, listEscalations, setEscalationDeadline } from '../../../../services/oversight';
import { getTicket } from '../../../../services/tickets';
import { SignedOutPage } from '../../../../components/RemoteStatus';
import TicketTimeline from '../../../../components/TicketTimeline';
import { TicketBadges } from '../../../../components/TicketCard';
import { useRemote } from '../../../../hooks/useRemote';
import { errorText } from '../../../../services/errors';
import TextBox from '../../../../components/TextBox';
import '../../oversight.scss';

const NOTE_MAX = 500;


/** The escalation of this ticket the office handles: the open one, else the latest closed one. */
async function findEscalation(ticket: TicketView): Promise<EscalationView | null> {
  const open = await listEscalations({ state: 'open', ticketId: ticket.id, limit: 1 });
  if (open.items[0]) return open.items[0];
  const closed = await listEscalations({ state: 'closed', ticketId: ticket.id, limit: 1 });
  return closed.items[0] ?? null;
}

const DEADLINE_CHOICES = [
  { days: 1, label: '明天' },
  { days: 3, label: '3天后' },
  { days: 7, label: '7天后' },
];

function EscalationPanel({ escalation, onChanged }: { escalation: EscalationView; onChanged: () => Promise<void> }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [day, setDay] = useState('');

  const run = async (action: () => Promise<EscalationView>, done: string) => {
    setBusy(true);
    setError('');
    try {
      await action();
      setNote('');
      setDay('');
      await onChanged();
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  const needNote = (what: string) => {
    if (note.trim()) return false;
    setError(`请填写${what}`);
    return true;
  };

  // One send: the opinion, and the new deadline when one is chosen (a chosen day was once left behind).
  const send = () => {
    if (day) void run(() => setEscalationDeadline(escalation.id, shanghaiTimeOn(day), note.trim() || undefined), '已设定期限');
    else if (!needNote('督办意见或选择新的期限')) void run(() => commentOnEscalation(escalation.id, note.trim()), '已发送');
  };
  const close = async () => {
    if (needNote('结束督办的说明')) return;
    const answer = await Taro.showModal({ title: '结束督办', content: '确认问题已处理，结束对这张工单的督办？', confirmText: '结束督办', cancelText: '取消' });
    if (answer.confirm) await run(() => closeEscalation(escalation.id, note.trim()), '督办已结束');
  };

  const today = shanghaiDate();
  return (
    <View className="card ov-escalation">
      <View className="card-title">
        社区督办
        <Text className={`badge ${escalation.state === 'open' ? 'badge-rejected' : 'badge-approved'} ov-escalation-state`}>
          {escalation.state === 'open' ? '督办中' : '已结束'}
        </Text>
      </View>
      <View className="ov-facts">
        <Text className="ov-fact ov-escalation-reason">原因：{escalation.reasonLabel}</Text>
        <Text className="ov-fact">提请于 {shanghaiDateTime(escalation.createdAt)}</Text>
        <Text className="ov-fact ov-escalation-deadline">督办期限：{escalation.deadlineAt ? shanghaiDateTime(escalation.deadlineAt) : '未设定'}</Text>
      </View>
      {escalation.state === 'open' && !escalation.canHandle ? (
        <View className="muted wrap-text ov-escalation-who">由{escalation.officeName}督办：发督办意见、设定期限、结束督办都由社区（村）办理，这里可查看全部记录。</View>
      ) : null}
      {escalation.state === 'closed' ? (
        <View className="wrap-text ov-escalation-closing">
          {escalation.closedAt ? `${shanghaiDateTime(escalation.closedAt)} 结束：` : '结束：'}
          {escalation.closingNote}
        </View>
      ) : !escalation.canHandle ? null : (
        <View className="ov-escalation-form">
          <View className="field">
            <View className="field-label">督办意见 / 结束说明</View>
            <TextBox
              className="ov-escalation-note"
              value={note}
              max={NOTE_MAX}
              placeholder="例如：请物业三日内修复并反馈；物业和工单处理人会收到通知"
              onChange={(value) => {
                setNote(value);
                setError('');
              }}
            />
          </View>
          <View className="field">
            <View className="field-label">新的督办期限（当天 18:00）</View>
            <View className="chips ov-deadline-choices">
              {DEADLINE_CHOICES.map((choice) => {
                const value = addDays(today, choice.days);
                return (
                  <View key={choice.days} className={`chip ov-deadline-choice${day === value ? ' chip-selected' : ''}`} onClick={() => setDay(value)}>
                    {choice.label}
                  </View>
                );
              })}
              <Picker mode="date" value={day || addDays(today, 1)} start={addDays(today, 1)} onChange={(event) => setDay(String(event.detail.value))}>
                <View className={`chip ov-deadline-pick${day && !DEADLINE_CHOICES.some((c) => addDays(today, c.days) === day) ? ' chip-selected' : ''}`}>
                  {day && !DEADLINE_CHOICES.some((c) => addDays(today, c.days) === day) ? day : '选择日期'}
                </View>
              </Picker>
            </View>
            {day ? <View className="field-hint ov-deadline-chosen">将设为 {day} 18:00</View> : null}
          </View>
          {error ? <View className="form-error ov-escalation-error">{error}</View> : null}
          <View className="button-row">
            <Button className="button button-primary ov-escalation-send" disabled={busy || undefined} onClick={send}>
              {day ? '发送并设定期限' : '发送督办意见'}
            </Button>
            <Button className="button button-danger ov-escalation-close" disabled={busy || undefined} onClick={() => void close()}>
              结束督办
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}

/** One ticket, read-only for oversight: what, where, deadlines, 督办 and its whole timeline; offices handle the 督办. */
export default function OversightTicket() {
  const { params } = useRouter();
  const id = Number(params.id);
  const gate = useSession({ returnTo: `${OVERSIGHT_TICKET_PAGE}?id=${id}` });
  const signedIn = gate.phase === 'signed-in';
  // Everyone in oversight reads the 督办; the API's canHandle says whether it is theirs to act on.
  const load = useCallback(async () => {
    const ticket = await getTicket(id);
    return { ticket, escalation: await findEscalation(ticket) };
  }, [id]);
  const remote = useRemote(load, { enabled: signedIn });
  const { phase, errorMessage } = remote;
  const ticket = remote.data?.ticket ?? null;
  const escalation = remote.data?.escalation ?? null;

  usePullDownRefresh(() => {
    void (signedIn ? remote.reload(true) : Promise.resolve()).finally(() => Taro.stopPullDownRefresh());
  });

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后查看工单。" />;
  if (phase === 'error') {
    return (
      <View className="page ov-page">
        <StatusNotice className="ov-error" title="工单没能加载" text={errorMessage} actionText="重试" onAction={() => void remote.reload()} />
      </View>
    );
  }
  if (phase === 'loading' || !ticket) {
    return (
      <View className="page ov-page">
        <StatusNotice className="ov-loading" title="正在加载…" />
      </View>
    );
  }

  return (
    <View className="page ov-page ov-ticket-page">
      <View className="ov-header">
        <View className="ov-title ov-ticket-title wrap-text">
          #{ticket.id} {ticket.categoryName}
        </View>
        <TicketBadges ticket={ticket} audience="oversight" />
        <View className="muted">
          {ticket.communityName} · {TICKET_KIND_LABELS[ticket.kind]}
        </View>
      </View>
      <View className="ov-columns">
        <View className="ov-column">
          <View className="card ov-ticket-detail">
            <View className="wrap-text ov-ticket-description">{ticket.description}</View>
            <View className="ov-facts">
              <Text className="ov-fact">地点：{ticket.place ?? ticket.house ?? '—'}</Text>
              <Text className="ov-fact">报告人：{ticket.reporter}</Text>
              <Text className="ov-fact">处理人：{ticket.assignee ?? '未指派'}</Text>
            </View>
          </View>
          <View className="card ov-deadlines">
            <View className="card-title">时限</View>
            <View className="ov-facts">
              <Text className="ov-fact">提交：{shanghaiDateTime(ticket.createdAt)}</Text>
              <Text className="ov-fact ov-response-due">响应期限：{shanghaiDateTime(ticket.responseDueAt)}</Text>
              <Text className="ov-fact ov-resolution-due">办结期限：{shanghaiDateTime(ticket.resolutionDueAt)}</Text>
            </View>
            {ticket.overdue ? <View className="ov-alert ov-overdue-note">已超过期限仍未办结</View> : null}
          </View>
          {escalation ? (
            <EscalationPanel escalation={escalation} onChanged={() => remote.reload(true)} />
          ) : null}
        </View>
        <View className="ov-column">
          <TicketTimeline events={ticket.timeline} className="ov-timeline" title="处理记录" />
        </View>
      </View>
    </View>
  );
}
