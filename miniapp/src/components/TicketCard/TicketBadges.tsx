import { Text, View } from '@tarojs/components';
import { TICKET_STATE_LABELS, overdueLabel, type TicketSummary } from '@wuye/contracts';

/** Who is looking: residents (我的报事, the board), the property side (inbox, assigned), oversight (社区, 住建局). */
export type TicketAudience = 'resident' | 'handling' | 'oversight';

/** The same marks in each audience's own words: the bureau writes 逾期, residents and the property side 超时. */
const WORDS: Record<TicketAudience, { overdue: '超时' | '逾期'; escalated: string }> = {
  resident: { overdue: '超时', escalated: '社区督办中' },
  handling: { overdue: '超时', escalated: '督办' },
  oversight: { overdue: '逾期', escalated: '督办中' },
};

/** State, 紧急, 超时 and 督办 of a ticket: words in coloured boxes (never colour alone), wrapping when large. */
export default function TicketBadges({
  ticket,
  audience,
  className = '',
}: {
  ticket: Pick<TicketSummary, 'state' | 'emergency' | 'overdue' | 'escalated'>;
  audience: TicketAudience;
  className?: string;
}) {
  const words = WORDS[audience];
  return (
    <View className={`ticket-badges ${className}`}>
      <Text className={`badge ticket-state ticket-state-${ticket.state}`}>{TICKET_STATE_LABELS[ticket.state]}</Text>
      {ticket.emergency ? <Text className="badge ticket-emergency">紧急</Text> : null}
      {ticket.overdue ? <Text className="badge ticket-overdue">{overdueLabel(ticket.state, words.overdue)}</Text> : null}
      {ticket.escalated ? <Text className="badge ticket-escalated">{words.escalated}</Text> : null}
    </View>
  );
}
