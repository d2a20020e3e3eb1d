import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import ContactCall from '../../../../components/ContactCall';
import PrivacyDialog from '../../../../components/PrivacyDialog';
import SessionNotice from '../../../../components/SessionNotice';
import StatusNotice from '../../../../components/StatusNotice';
import TicketCard from '../../../../components/TicketCard';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useSession } from '../../../../hooks/useSession';
import { useShownAgain } from '../../../../hooks/useShownAgain';
import { HANDLING_TICKET_PAGE, RETURN_VISITS_PAGE } from '../../../../routes';
import { listTickets } from '../../../../services/tickets';
import './index.scss';

/**
 * 回访: the tickets whose caller (or app reporter, who left it unrated) is to be asked how it went, for the
 * estate's manager and its community office, each with whom to call. Opening one records the outcome there.
 */
export default function ReturnVisits() {
  const gate = useSession({ returnTo: RETURN_VISITS_PAGE });
  const signedIn = gate.phase === 'signed-in';
  const list = usePagedList(signedIn ? (cursor?: string) => listTickets({ view: 'return_visits', cursor }) : null, { reloadOn: signedIn });
  const { phase, items, nextCursor, loadingMore, errorMessage } = list;
  // Back from a ticket whose visit was recorded: it has left the list.
  useShownAgain(() => void list.reload(true));
  usePullDownRefresh(() => {
    void list.reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  if (!signedIn) {
    return (
      <View className="page visits">
        <SessionNotice gate={gate} purpose="登录后查看待回访的工单。" />
      </View>
    );
  }
  return (
    <View className="page visits">
      {phase === 'loading' ? <StatusNotice className="visits-loading" title="正在加载…" /> : null}
      {phase === 'error' ? <StatusNotice className="visits-error" title="回访列表没能加载" text={errorMessage} actionText="重试" onAction={() => void list.reload()} /> : null}
      {phase === 'ready' && items.length === 0 ? <StatusNotice className="visits-empty" title="没有待回访的工单" text="代报的工单办结后，和业主逾期未评价的工单，会出现在这里。" /> : null}
      {items.map((ticket) => (
        <View key={ticket.id} className="visits-item">
          <TicketCard ticket={ticket} audience="handling" className="visits-ticket" onOpen={() => void Taro.navigateTo({ url: `${HANDLING_TICKET_PAGE}?id=${ticket.id}` })} />
          {ticket.contact ? <ContactCall ticketId={ticket.id} contact={ticket.contact} className="card visits-contact" /> : <View className="card muted visits-no-contact">没有可拨打的电话，请上门回访。</View>}
        </View>
      ))}
      {nextCursor ? (
        <Button className="button button-block visits-more" disabled={loadingMore || undefined} onClick={() => void list.loadMore()}>
          {loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
      <PrivacyDialog />
    </View>
  );
}
