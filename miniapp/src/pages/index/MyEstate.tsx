import { useCallback } from 'react';
import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import {
  DISCLOSURE_TYPE_LABELS,
  OPEN_TICKET_STATES,
  TICKET_STATE_LABELS,
  periodLabel,
  shanghaiDate,
  type CommunityView,
  type DisclosureSummary,
  type TicketSummary,
} from '@wuye/contracts';
import { callNumber } from '../../components/ContactCall';
import StatusNotice from '../../components/StatusNotice';
import { useRemote } from '../../hooks/useRemote';
import { listDisclosures } from '../../services/disclosures';
import { getCommunity } from '../../services/oversight';
import { listTickets } from '../../services/tickets';
import { DISCLOSURES_PAGE, DISCLOSURE_DETAIL_PAGE, ticketDetailPage } from '../../routes';

/** A few lines of each: the home card is a summary, the lists are one tap away. */
const SHOWN = 3;

interface EstateNews {
  community: CommunityView;
  openTickets: TicketSummary[];
  disclosures: DisclosureSummary[];
}

/**
 * 我的小区: what a resident comes home for, before the county's directory: their open reports, the estate's newest
 * 公示 and whom to call at the 物业.
 */
export default function MyEstate({ communityId }: { communityId: number }) {
  const load = useCallback(async (): Promise<EstateNews> => {
    const [community, tickets, disclosures] = await Promise.all([
      getCommunity(communityId),
      listTickets({ view: 'mine', state: OPEN_TICKET_STATES, limit: SHOWN }),
      listDisclosures(communityId, { state: 'published' }),
    ]);
    return { community, openTickets: tickets.items, disclosures: disclosures.items.slice(0, SHOWN) };
  }, [communityId]);
  const { phase, data, errorMessage, reload } = useRemote(load);

  if (phase === 'error') return <StatusNotice className="home-estate-error" title="我的小区没能加载" text={errorMessage} actionText="重试" onAction={() => void reload()} />;
  if (!data) return <StatusNotice className="home-estate-loading" title="正在加载我的小区…" />;
  const { community, openTickets, disclosures } = data;
  const phone = community.company?.contactPhone ?? null;
  return (
    <View className="card home-estate">
      <View className="card-title home-estate-name">{community.name}</View>
      <View className="home-estate-section">
        <View className="home-estate-heading">我的报事（处理中）</View>
        {openTickets.length === 0 ? <View className="muted home-estate-no-tickets">没有正在处理的报事。</View> : null}
        {openTickets.map((ticket) => (
          <View key={ticket.id} className="link-row home-estate-ticket" onClick={() => void Taro.navigateTo({ url: ticketDetailPage(ticket.id) })}>
            {ticket.summary} · {TICKET_STATE_LABELS[ticket.state]}
          </View>
        ))}
      </View>
      <View className="home-estate-section">
        <View className="home-estate-heading">最新公示</View>
        {disclosures.length === 0 ? <View className="muted home-estate-no-disclosures">本小区还没有公示。</View> : null}
        {disclosures.map((disclosure) => (
          <View
            key={disclosure.id}
            className="link-row home-estate-disclosure"
            onClick={() => void Taro.navigateTo({ url: `${DISCLOSURE_DETAIL_PAGE}?id=${disclosure.id}` })}
          >
            {DISCLOSURE_TYPE_LABELS[disclosure.type]} · {periodLabel(disclosure.period)}
            {disclosure.publishedAt ? ` · ${shanghaiDate(disclosure.publishedAt)}公示` : ''}
          </View>
        ))}
        {disclosures.length > 0 ? (
          <View className="link-row home-estate-all-disclosures" onClick={() => void Taro.navigateTo({ url: `${DISCLOSURES_PAGE}?communityId=${community.id}` })}>
            全部公示
          </View>
        ) : null}
      </View>
      <View className="home-estate-section home-estate-contact">
        <View className="home-estate-heading">物业</View>
        {community.company ? (
          <View className="home-estate-company">
            {community.company.name}
            {phone ? ` · ${phone}` : ' · 暂未登记联系电话'}
          </View>
        ) : (
          <View className="muted home-estate-no-company">本小区目前没有在管的物业服务企业。</View>
        )}
        {phone ? (
          <Button className="button button-small home-estate-call" onClick={() => callNumber(phone)}>
            拨打物业电话
          </Button>
        ) : null}
      </View>
    </View>
  );
}
