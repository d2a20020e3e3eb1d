import { Text, View } from '@tarojs/components';
import { shanghaiDateTime, TICKET_KIND_LABELS, TICKET_STATE_LABELS, type TicketSummary } from '@wuye/contracts';

/** A ticket in an oversight list: number, category, state, overdue and 督办 marks, summary, place, time. */
export default function TicketRow({ ticket, onOpen }: { ticket: TicketSummary; onOpen: () => void }) {
  return (
    <View className="ov-row ov-ticket" onClick={onOpen}>
      <View className="ov-row-main">
        <View className="ov-row-title wrap-text">
          #{ticket.id} {ticket.categoryName}
          <Text className="badge badge-pending ov-ticket-state">{TICKET_STATE_LABELS[ticket.state]}</Text>
          {ticket.overdue ? <Text className="badge badge-rejected ov-ticket-overdue">逾期</Text> : null}
          {ticket.escalated ? <Text className="badge badge-current ov-ticket-escalated">督办中</Text> : null}
        </View>
        <View className="wrap-text ov-ticket-summary">{ticket.summary}</View>
        <View className="ov-facts">
          <Text className="ov-fact">{TICKET_KIND_LABELS[ticket.kind]}</Text>
          <Text className="ov-fact">{ticket.place ?? ticket.reporter}</Text>
          <Text className="ov-fact">提交 {shanghaiDateTime(ticket.createdAt)}</Text>
        </View>
      </View>
      <Text className="link-arrow">›</Text>
    </View>
  );
}
