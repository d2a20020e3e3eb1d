import { Text, View } from '@tarojs/components';
import { TICKET_ACTION_LABELS, TICKET_STATE_LABELS, type TicketAction, type TicketEventView } from '@wuye/contracts';
import { formatShanghaiDateTime } from '../../../utils/time';

/** Timeline events besides the lifecycle actions (TICKET_ACTIONS). */
const EVENT_LABELS: Record<string, string> = {
  created: '提交',
  escalated: '提请督办',
  office_comment: '督办意见',
  deadline: '设定督办期限',
  escalation_closed: '结束督办',
  urge: '催办',
  rate: '评价',
  auto_close: '自动办结',
  overdue: '已逾期',
  follow: '我也遇到',
};

export function eventLabel(action: string): string {
  return EVENT_LABELS[action] ?? TICKET_ACTION_LABELS[action as TicketAction] ?? action;
}

const OVERSIGHT_EVENTS = ['escalated', 'office_comment', 'deadline', 'escalation_closed'];

/** 处理记录: every change of the ticket, oldest first; 督办 events stand out. */
export default function TicketTimeline({ events }: { events: TicketEventView[] }) {
  return (
    <View className="card ov-timeline">
      <View className="card-title">处理记录</View>
      {events.map((event) => (
        <View key={event.id} className={`ov-event${OVERSIGHT_EVENTS.includes(event.action) ? ' ov-event-oversight' : ''}`}>
          <View className="ov-event-head">
            <Text className="ov-event-action">{eventLabel(event.action)}</Text>
            {event.toState && event.fromState !== event.toState ? <Text className="badge badge-pending ov-event-state">{TICKET_STATE_LABELS[event.toState]}</Text> : null}
          </View>
          <View className="muted ov-event-meta wrap-text">
            {event.actor} · {formatShanghaiDateTime(event.at)}
          </View>
          {event.note ? <View className="ov-event-note wrap-text">{event.note}</View> : null}
        </View>
      ))}
    </View>
  );
}
