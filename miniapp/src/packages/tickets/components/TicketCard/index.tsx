import { Image, Text, View } from '@tarojs/components';
import { shanghaiDateTime, TICKET_KIND_LABELS, type TicketSummary } from '@wuye/contracts';
import { fileUrl } from '../../../../services/http';
import { stateBadgeClass, stateLabel } from '../../format';

/** One ticket in 我的报事 or on the board: what, where, state, and whether it is past its deadline. */
export default function TicketCard({ ticket, showReporter, onOpen }: { ticket: TicketSummary; showReporter: boolean; onOpen: () => void }) {
  return (
    <View className="card ticket-card" onClick={onOpen}>
      <View className="ticket-card-head">
        <Text className="ticket-category">
          {ticket.categoryName} · {TICKET_KIND_LABELS[ticket.kind]}
        </Text>
        <Text className={`badge ticket-state ${stateBadgeClass(ticket.state)}`}>{stateLabel(ticket.state)}</Text>
        {ticket.overdue ? <Text className="badge badge-rejected ticket-overdue">已超时</Text> : null}
        {ticket.emergency ? <Text className="badge badge-rejected ticket-emergency">紧急</Text> : null}
      </View>
      <View className="ticket-card-body">
        {ticket.thumbnailUrl ? <Image className="ticket-thumb" src={fileUrl(ticket.thumbnailUrl)} mode="aspectFill" /> : null}
        <View className="ticket-card-text">
          <View className="ticket-summary wrap-text">{ticket.summary}</View>
          {ticket.place ? <View className="muted wrap-text ticket-place">位置：{ticket.place}</View> : null}
          <View className="muted wrap-text ticket-meta">
            {showReporter ? `${ticket.reporter} · ` : ''}
            {ticket.communityName} · {shanghaiDateTime(ticket.createdAt)}
            {ticket.followerCount > 0 ? ` · ${ticket.followerCount} 人也遇到` : ''}
          </View>
        </View>
      </View>
    </View>
  );
}
