import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import type { TicketSummary } from '@wuye/contracts';
import TicketCard from '../../../../../components/TicketCard';
import { ticketDetailPage } from '../../../../../routes';

/** Open tickets like this one, offered once before filing: 我也遇到 follows one instead of reporting it again. */
export default function SimilarSection({ tickets, following, onMeToo }: { tickets: TicketSummary[]; following: number | null; onMeToo: (ticket: TicketSummary) => void }) {
  return (
    <View className="card report-similar">
      <View className="card-title">附近已经有人反映过类似问题</View>
      <View className="muted">如果是同一个问题，点“我也遇到”关注它，处理进度会通知您，不用重复报事。</View>
      {tickets.map((ticket) => (
        <View key={ticket.id} className="report-similar-item">
          <TicketCard ticket={ticket} audience="resident" showReporter onOpen={() => void Taro.navigateTo({ url: ticketDetailPage(ticket.id) })} />
          <Button className="button button-small button-primary report-me-too" disabled={following !== null || undefined} onClick={() => onMeToo(ticket)}>
            {following === ticket.id ? '正在关注…' : '我也遇到'}
          </Button>
        </View>
      ))}
    </View>
  );
}
