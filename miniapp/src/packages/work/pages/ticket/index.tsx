import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import {
  RETURN_VISIT_LABELS,
  RETURN_VISIT_TRIES,
  shanghaiDateTime,
  TICKET_SOURCE_LABELS,
  TICKET_ACTION_LABELS,
  TICKET_KIND_LABELS,
  TICKET_STATE_LABELS,
  type TicketAction,
} from '@wuye/contracts';
import SessionNotice from '../../../../components/SessionNotice';
import StatusNotice from '../../../../components/StatusNotice';
import PrivacyDialog from '../../../../components/PrivacyDialog';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { HANDLING_TICKET_PAGE } from '../../../../routes';
import { STALE_MESSAGE, getTicket, isConcurrentChange, transitionTicket } from '../../../../services/tickets';
import { showError } from '../../../../services/errors';
import PhotoGrid from '../../../../components/PhotoGrid';
import TicketTimeline from '../../../../components/TicketTimeline';
import ContactCall from '../../../../components/ContactCall';
import TicketActionPanel, { type TransitionRequest } from '../../components/TicketActionPanel';
import { TicketBadges } from '../../../../components/TicketCard';
import './index.scss';

/** Timeline entries by what happened: the lifecycle's own words, and the system's and residents' other steps. */

const DONE_TEXT: Partial<Record<TicketAction, string>> = {
  accept: '已受理',
  reject: '已不予受理',
  assign: '已转办',
  start: '已开始办理',
  resolve: '已反馈',
  visit_satisfied: '已记录回访',
  visit_dissatisfied: '已重新办理',
  visit_unreachable: '已记录回访',
};

function InfoLine({ label, value, className }: { label: string; value: string; className: string }) {
  return (
    <View className={`ticket-line ${className}`}>
      <Text className="ticket-label">{label}</Text>
      <Text className="ticket-value wrap-text">{value}</Text>
    </View>
  );
}

/** One ticket for the property side: what was reported, by whom, deadlines, timeline, and the viewer's next steps. */
export default function HandlingTicket() {
  const gate = useSession({ returnTo: HANDLING_TICKET_PAGE });
  const { params } = useRouter();
  const id = Number(params.id);
  const [open, setOpen] = useState<TicketAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [staleNotice, setStaleNotice] = useState(false);
  const signedIn = gate.phase === 'signed-in';
  const remote = useRemote(useCallback(() => getTicket(id), [id]), { enabled: signedIn && Number.isInteger(id) && id > 0 });
  const { phase, errorMessage, reload } = remote;
  const ticket = remote.data;

  // The notice sits above the ticket's new buttons; bring it into view (the form that was open has gone).
  useEffect(() => {
    if (staleNotice && ticket) Taro.nextTick(() => void Taro.pageScrollTo({ selector: '.ticket-stale', offsetTop: -80, duration: 200 }));
  }, [staleNotice, ticket]);

  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  const submit = async (request: TransitionRequest) => {
    if (!ticket) return;
    setBusy(true);
    setStaleNotice(false);
    try {
      const answer = await transitionTicket(ticket.id, { ...request, version: ticket.version });
      remote.show(answer);
      setOpen(null);
      void Taro.showToast({ title: DONE_TEXT[request.action] ?? `已${TICKET_ACTION_LABELS[request.action]}`, icon: 'success' });
    } catch (error) {
      if (isConcurrentChange(error)) {
        // Another manager (or the reporter) acted first: show the ticket as it is now, with its new buttons.
        setOpen(null);
        setStaleNotice(true);
        void Taro.showToast({ title: STALE_MESSAGE, icon: 'none', duration: 3000 });
        await reload(true);
      } else {
        showError(error);
      }
    } finally {
      setBusy(false);
    }
  };

  if (gate.phase !== 'signed-in') {
    return (
      <View className="page ticket">
        <SessionNotice gate={gate} purpose="登录后才能处理工单。" />
      </View>
    );
  }
  if (!Number.isInteger(id) || id <= 0) {
    return (
      <View className="page ticket">
        <StatusNotice className="ticket-missing" title="没有找到这张工单" text="请从工单列表重新打开。" />
      </View>
    );
  }
  if (phase === 'error') {
    return (
      <View className="page ticket">
        <StatusNotice className="ticket-error" title="工单没能加载" text={errorMessage} actionText="重试" onAction={() => void reload()} />
      </View>
    );
  }
  if (phase === 'loading' || !ticket) {
    return (
      <View className="page ticket">
        <StatusNotice className="ticket-loading" title="正在加载…" />
      </View>
    );
  }

  const awaitingResponse = ticket.state === 'submitted';
  return (
    <View className={`page ticket ticket-${ticket.state}`}>
      <View className="card ticket-head">
        <View className="ticket-title-row">
          <Text className="ticket-title">{ticket.categoryName}</Text>
          <Text className="muted ticket-id">
            #{ticket.id} · {TICKET_KIND_LABELS[ticket.kind]}
          </Text>
        </View>
        <TicketBadges ticket={ticket} audience="handling" />
        <View className="ticket-description wrap-text">{ticket.description}</View>
        <PhotoGrid className="ticket-photos" photos={ticket.photos} />
        {ticket.heldForReview ? <View className="muted ticket-held">内容待人工审核，暂不在小区公告栏显示。</View> : null}
      </View>

      <View className="card ticket-info">
        <InfoLine className="ticket-reporter" label="报事人" value={ticket.reporterPhone ? `${ticket.reporter} ${ticket.reporterPhone}` : ticket.reporter} />
        {ticket.source !== 'app' ? <InfoLine className="ticket-source" label="渠道" value={TICKET_SOURCE_LABELS[ticket.source]} /> : null}
        {ticket.filedBy ? <InfoLine className="ticket-filed-by" label="代报人" value={ticket.filedBy} /> : null}
        {ticket.contact ? (
          <View className="ticket-line ticket-contact">
            <Text className="ticket-label">{ticket.source === 'app' ? '联系电话' : '反映人'}</Text>
            <ContactCall ticketId={ticket.id} contact={ticket.contact} className="ticket-value" />
          </View>
        ) : null}
        {ticket.returnVisit ? (
          <InfoLine
            className="ticket-return-visit"
            label="回访"
            value={`${RETURN_VISIT_LABELS[ticket.returnVisit]}${ticket.returnVisitTries ? `（已有 ${ticket.returnVisitTries}/${RETURN_VISIT_TRIES} 次未联系上）` : ''}${
              // The property side may reopen on the caller's word; 满意 and 无法联系 are the community office's to record.
              ticket.returnVisit === 'due' && !ticket.actions.includes('visit_satisfied') ? '，由社区回访并记录结果' : ''
            }`}
          />
        ) : null}
        {ticket.house ? <InfoLine className="ticket-house" label="房屋" value={`${ticket.communityName} ${ticket.house}`} /> : null}
        <InfoLine className="ticket-place" label="位置" value={ticket.place ?? (ticket.house ? '户内' : ticket.communityName)} />
        <InfoLine className="ticket-created" label="提交时间" value={shanghaiDateTime(ticket.createdAt)} />
        <InfoLine className={`ticket-response-due${awaitingResponse && ticket.overdue ? ' ticket-late' : ''}`} label="受理时限" value={shanghaiDateTime(ticket.responseDueAt)} />
        <InfoLine className="ticket-resolution-due" label="办结时限" value={shanghaiDateTime(ticket.resolutionDueAt)} />
        {ticket.assignee ? <InfoLine className="ticket-assignee" label="处理人" value={ticket.assignee} /> : null}
        {ticket.reopenCount > 0 ? <InfoLine className="ticket-reopened" label="重新办理" value={`${ticket.reopenCount} 次`} /> : null}
        {ticket.overdue ? <View className="ticket-overdue-note">已超过时限，请尽快处理。</View> : null}
      </View>

      {ticket.rating ? (
        <View className="card ticket-rating">
          <View className="card-title">评价</View>
          <View className="ticket-stars">{`${'★'.repeat(ticket.rating.stars)}${'☆'.repeat(5 - ticket.rating.stars)}（${ticket.rating.stars} 星）`}</View>
          {ticket.rating.tags.length ? <View className="muted">{ticket.rating.tags.join('、')}</View> : null}
          {ticket.rating.comment ? <View className="wrap-text">{ticket.rating.comment}</View> : null}
        </View>
      ) : null}

      {/* Where the person was looking when their step was refused: above the ticket's new buttons. */}
      {staleNotice ? <View className="form-error ticket-stale">{STALE_MESSAGE}</View> : null}
      {open ? (
        <TicketActionPanel key={open} action={open} communityId={ticket.communityId} busy={busy} onSubmit={(request) => void submit(request)} onCancel={() => setOpen(null)} />
      ) : ticket.actions.length > 0 ? (
        <View className="card ticket-actions">
          <View className="card-title">办理</View>
          <View className="button-row">
            {ticket.actions.map((action, index) => (
              <Button
                key={action}
                className={`button ticket-action ticket-action-${action}${index === 0 ? ' button-primary' : ''}${action === 'reject' || action === 'cancel' ? ' button-danger' : ''}`}
                disabled={busy || undefined}
                onClick={() => setOpen(action)}
              >
                {TICKET_ACTION_LABELS[action]}
              </Button>
            ))}
          </View>
          {Object.entries(ticket.blocked).map(([key, reason]) => (
            <View key={key} className={`muted ticket-blocked ticket-blocked-${key}`}>
              {reason}
            </View>
          ))}
        </View>
      ) : (
        <View className="card muted ticket-no-actions">{`工单${TICKET_STATE_LABELS[ticket.state]}，您现在没有需要办理的操作。`}</View>
      )}

      <TicketTimeline events={ticket.timeline} className="ticket-timeline" title="办理过程" />
      <PrivacyDialog />
    </View>
  );
}
