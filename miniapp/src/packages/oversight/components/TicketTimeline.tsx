import { Text, View } from '@tarojs/components';
import { TICKET_STATE_LABELS, ticketEventLabel, type TicketEventView } from '@wuye/contracts';
import { formatShanghaiDateTime } from '../../../utils/time';

const OVERSIGHT_EVENTS = ['escalated', 'office_comment', 'deadline', 'escalation_closed'];

/** 处理记录: every change of the ticket, oldest first; 督办 events stand out. */
export default function TicketTimeline({ events }: { events: TicketEventView[] }) {
  return (
    <View className="card ov-timeline">
      <View className="card-title">处理记录</View>
      {events.map((event) => (
        <View key={event.id} className={`ov-event${OVERSIGHT_EVENTS.includes(event.action) ? ' ov-event-oversight' : ''}`}>
          <View className="ov-event-head">
            <Text className="ov-event-action">{ticketEventLabel(event)}</Text>
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
