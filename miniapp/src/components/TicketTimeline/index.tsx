import { Text, View } from '@tarojs/components';
import { shanghaiDateTime, TICKET_STATE_LABELS, ticketEventLabel, type TicketEventView } from '@wuye/contracts';
import PhotoGrid from '../PhotoGrid';
import './index.scss';

/** Events of the community office (督办): they stand out wherever the timeline is shown. */
const OVERSIGHT_EVENTS = new Set(['escalated', 'office_comment', 'deadline', 'escalation_closed']);

/**
 * A ticket's 处理记录: each step with the state it led to, who and when, the note and photos. Newest first for every
 * role (what happened last is what each of them came for), so a resident, a manager and an office read it alike.
 */
export default function TicketTimeline({ events, className, title }: { events: TicketEventView[]; className: string; title?: string }) {
  const shown = [...events].reverse();
  return (
    <View className={`card timeline ${className}`}>
      {title ? <View className="card-title">{title}</View> : null}
      {shown.map((event) => {
        const state = event.toState && event.fromState !== event.toState ? TICKET_STATE_LABELS[event.toState] : null;
        return (
          <View key={event.id} className={`timeline-event timeline-${event.action}${OVERSIGHT_EVENTS.has(event.action) ? ' timeline-oversight' : ''}`}>
            <View className="timeline-head">
              <Text className="timeline-action">{ticketEventLabel(event)}</Text>
              {state ? <Text className="badge badge-pending timeline-state">{state}</Text> : null}
            </View>
            <View className="muted wrap-text timeline-meta">
              {event.actor} · {shanghaiDateTime(event.at)}
            </View>
            {event.note ? <View className="wrap-text timeline-note">{event.note}</View> : null}
            <PhotoGrid photos={event.photos} className="timeline-photos" />
          </View>
        );
      })}
    </View>
  );
}
