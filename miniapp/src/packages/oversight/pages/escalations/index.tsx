import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { REFERRAL_TIER_LABELS, shanghaiDateTime, TICKET_STATE_LABELS, type EscalationView, type ReferralTier } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import StatusNotice from '../../../../components/StatusNotice';
import { useSession } from '../../../../hooks/useSession';
import { ESCALATIONS_PAGE, OVERDUE_MEETING_ITEMS_PAGE, OVERDUE_RECTIFICATIONS_PAGE, OVERSIGHT_TICKET_PAGE } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { referEscalation } from '../../../../services/meetings';
import { listEscalations } from '../../../../services/oversight';
import { LoadMore, RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import { usePagedList } from '../../../../hooks/usePagedList';
import '../../oversight.scss';

type Tab = { state: 'open' | 'closed'; label: string };
const TABS: Tab[] = [
  { state: 'open', label: '督办中' },
  { state: 'closed', label: '已结束' },
];

/** What happens next, said in the confirmation. */
const REFER_AFTER: Record<ReferralTier, string> = {
  meeting: '记录联席会时可以把它列入议题。',
  town: '街道（乡镇）的监管人员会在待办中看到它。',
  mediation: '将建立调解记录，调解后在记录中填写结果。',
};

/** 督办队列: the escalated and overdue tickets of the office's estates, newest first. */
export default function EscalationQueue() {
  const gate = useSession({ returnTo: ESCALATIONS_PAGE });
  const [tab, setTab] = useState<Tab>(TABS[0]);
  const shown = useRef(false);
  const signedIn = gate.phase === 'signed-in';
  const fetchPage = useCallback((cursor?: string) => listEscalations(cursor ? { state: tab.state, cursor } : { state: tab.state }), [tab]);
  const list = usePagedList(signedIn ? fetchPage : null, { reloadOn: signedIn ? fetchPage : null });
  const { phase, items } = list;

  // Back from a ticket whose 督办 was just closed: the queue shows what is still open.
  useDidShow(() => {
    if (shown.current && signedIn) void list.reload(true);
    shown.current = true;
  });

  usePullDownRefresh(() => {
    void (signedIn ? list.reload(true) : Promise.resolve()).finally(() => Taro.stopPullDownRefresh());
  });

  /** 小事不出小区、大事不出社区: a tier up (the estate's next joint meeting, the town, mediation), after the office confirms. */
  const refer = async (e: EscalationView, to: ReferralTier) => {
    const answer = await Taro.showModal({ title: REFERRAL_TIER_LABELS[to], content: `把 ${e.communityName} 的这件督办${REFERRAL_TIER_LABELS[to]}？${REFER_AFTER[to]}`, confirmText: '确定', cancelText: '取消' });
    if (!answer.confirm) return;
    try {
      await referEscalation(e.id, to);
      void Taro.showToast({ title: '已提交', icon: 'success' });
      await list.reload(true);
    } catch (error) {
      void Taro.showModal({ title: '没有提交成功', content: errorText(error), showCancel: false });
    }
  };

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后查看督办队列。" />;

  return (
    <View className="page ov-page ov-queue">
      <ChoiceChips className="ov-queue-tabs" itemClassName="ov-queue-tab" items={TABS} keyOf={(t) => t.state} chosen={tab.state} onChoose={setTab} />
      <View className="card link-row ov-queue-rectifications" onClick={() => void Taro.navigateTo({ url: OVERDUE_RECTIFICATIONS_PAGE })}>
        <View className="link-main">
          <View className="link-title">逾期整改单</View>
          <View className="muted">检查下发的整改单超过期限未整改的，也在这里督办</View>
        </View>
        <Text className="link-arrow">›</Text>
      </View>
      <View className="card link-row ov-queue-meeting-items" onClick={() => void Taro.navigateTo({ url: OVERDUE_MEETING_ITEMS_PAGE })}>
        <View className="link-main">
          <View className="link-title">逾期议定事项</View>
          <View className="muted">联席会议定的事项超过期限未落实的，也在这里督办</View>
        </View>
        <Text className="link-arrow">›</Text>
      </View>
      <RemoteStatus phase={phase} errorTitle="督办队列没能加载" errorMessage={list.errorMessage} onRetry={() => void list.reload()} />
      {phase === 'ready' && items.length === 0 ? (
        <StatusNotice
          className="ov-queue-empty"
          title={tab.state === 'open' ? '没有待督办的工单' : '还没有结束的督办'}
          text="工单超过响应或办结期限、或业主申诉时，会自动提请社区督办并出现在这里。"
        />
      ) : null}
      {phase === 'ready' && items.length > 0 ? (
        <View className="card ov-queue-list">
          {items.map((e) => (
            <View key={e.id} className="ov-row ov-queue-item" onClick={() => void Taro.navigateTo({ url: `${OVERSIGHT_TICKET_PAGE}?id=${e.ticket.id}` })}>
              <View className="ov-row-main">
                <View className="ov-row-title wrap-text">
                  #{e.ticket.id} {e.communityName} · {e.ticket.categoryName}
                  <Text className="badge badge-rejected ov-queue-reason">{e.reasonLabel}</Text>
                </View>
                <View className="wrap-text ov-queue-summary">{e.ticket.summary}</View>
                <View className="ov-facts">
                  <Text className="ov-fact">{TICKET_STATE_LABELS[e.ticket.state]}</Text>
                  <Text className="ov-fact">提请于 {shanghaiDateTime(e.createdAt)}</Text>
                  <Text className="ov-fact">{e.deadlineAt ? `督办期限 ${shanghaiDateTime(e.deadlineAt)}` : '未设督办期限'}</Text>
                  {e.closingNote ? <Text className="ov-fact wrap-text">结束：{e.closingNote}</Text> : null}
                  {e.referredTo.map((to) => (
                    <Text key={to} className="badge badge-pending ov-queue-referred">
                      已{REFERRAL_TIER_LABELS[to]}
                    </Text>
                  ))}
                </View>
                {e.canRefer.length > 0 ? (
                  <View className="ov-actions ov-queue-refer">
                    {e.canRefer.map((to) => (
                      <Button
                        key={to}
                        className={`button button-small ov-refer ov-refer-${to}`}
                        onClick={(event) => {
                          event.stopPropagation();
                          void refer(e, to);
                        }}
                      >
                        {REFERRAL_TIER_LABELS[to]}
                      </Button>
                    ))}
                  </View>
                ) : null}
              </View>
              <Text className="link-arrow">›</Text>
            </View>
          ))}
        </View>
      ) : null}
      <LoadMore list={list} />
    </View>
  );
}
