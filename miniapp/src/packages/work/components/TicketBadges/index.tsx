import { Text, View } from '@tarojs/components';
import { TICKET_STATE_LABELS, type TicketSummary } from '@wuye/contracts';
import './index.scss';

/** State, 紧急, 超时 and 督办 of a ticket: words in coloured boxes (never colour alone), wrapping when large. */
export default function TicketBadges({ ticket }: { ticket: Pick<TicketSummary, 'state' | 'emergency' | 'overdue' | 'escalated'> }) {
  return (
    <View className="ticket-badges">
      <Text className={`badge ticket-state ticket-state-${ticket.state}`}>{TICKET_STATE_LABELS[ticket.state]}</Text>
      {ticket.emergency ? <Text className="badge ticket-emergency">紧急</Text> : null}
      {ticket.overdue ? <Text className="badge ticket-overdue">超时</Text> : null}
      {ticket.escalated ? <Text className="badge ticket-escalated">督办</Text> : null}
    </View>
  );
}
