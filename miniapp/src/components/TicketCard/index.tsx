import { Image, Text, View } from '@tarojs/components';
import { shanghaiDateTime, TICKET_KIND_LABELS, type TicketSummary } from '@wuye/contracts';
import { fileUrl } from '../../services/http';
import TicketBadges, { type TicketAudience } from './TicketBadges';
import './index.scss';

export { TicketBadges, type TicketAudience };

/** The deadline that matters now to whoever handles it: accept within (待受理), resolve within (open), none after. */
function deadlineOf(ticket: TicketSummary): string | null {
  if (ticket.state === 'submitted') return `受理时限 ${shanghaiDateTime(ticket.responseDueAt)}`;
  if (ticket.state === 'accepted' || ticket.state === 'assigned' || ticket.state === 'in_progress') {
    return `办结时限 ${shanghaiDateTime(ticket.resolutionDueAt)}`;
  }
  return null;
}

/**
 * One ticket in any list: what and where, its state and marks, who reported it and when, a thumbnail. Where the
 * audiences really differ: the property side and oversight refer to tickets by number and see who reported them
 * (masked for oversight, by the API); the property side also sees the deadline that matters now; residents see
 * how many neighbours have the same problem. `showReporter` shows the reporter to residents (the board).
 */
export default function TicketCard({
  ticket,
  audience,
  showReporter = audience !== 'resident',
  className = '',
  onOpen,
}: {
  ticket: TicketSummary;
  audience: TicketAudience;
  showReporter?: boolean;
  className?: string;
  onOpen: () => void;
}) {
  const deadline = audience === 'handling' ? deadlineOf(ticket) : null;
  return (
    <View className={`card ticket-card ticket-card-${audience}${ticket.overdue ? ' ticket-card-overdue' : ''} ${className}`} onClick={onOpen}>
      <View className="ticket-card-head">
        <Text className="ticket-category">
          {ticket.categoryName} · {TICKET_KIND_LABELS[ticket.kind]}
        </Text>
        {audience === 'resident' ? null : <Text className="muted ticket-id">#{ticket.id}</Text>}
      </View>
      <TicketBadges ticket={ticket} audience={audience} />
      <View className="ticket-card-body">
        <View className="ticket-card-text">
          <View className="ticket-summary wrap-text">{ticket.summary}</View>
          {ticket.place ? <View className="muted wrap-text ticket-place">位置：{ticket.place}</View> : null}
          <View className="muted wrap-text ticket-meta">
            {showReporter ? `${ticket.reporter} · ` : ''}
            {ticket.communityName} · {shanghaiDateTime(ticket.createdAt)}
            {ticket.followerCount > 0 ? ` · ${ticket.followerCount} 人也遇到` : ''}
          </View>
          {deadline ? <View className={`ticket-due${ticket.overdue ? ' ticket-due-late' : ''}`}>{deadline}</View> : null}
        </View>
        {ticket.thumbnailUrl ? <Image className="ticket-thumb" src={fileUrl(ticket.thumbnailUrl)} mode="aspectFill" /> : null}
      </View>
    </View>
  );
}
