import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { DisclosureState, MeView } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useSession } from '../../../../hooks/useSession';
import { REVIEW_DETAIL_PAGE, REVIEW_PAGE } from '../../../../routes';
import { listDisclosures, listEstateQuestions } from '../../../../services/disclosures';
import MeFrame from '../../../disclosures/components/MeFrame';
import QuestionEntry from '../../../disclosures/components/QuestionEntry';
import SummaryList from '../../../disclosures/components/SummaryList';
import { COMMITTEE_ROLES, estatesOf, pickEstate } from '../../../disclosures/lib/estates';
import { usePagedList } from '../../../../hooks/usePagedList';

type QueueView = DisclosureState | 'questions';
const VIEWS: { state: QueueView; label: string; empty: string }[] = [
  { state: 'in_review', label: '待审核', empty: '物业提交的公示会显示在这里，请逐项审核。' },
  { state: 'published', label: '已签发', empty: '还没有签发过的公示。' },
  { state: 'questions', label: '业主质询', empty: '' },
];

/** Residents' questions the property company has not answered yet; overdue ones are marked (the committee watches). */
function OpenQuestions({ communityId }: { communityId: number }) {
  const list = usePagedList((cursor) => listEstateQuestions(communityId, 'unanswered', cursor), { reloadOn: `${communityId}` });
  if (list.phase === 'loading' || list.phase === 'idle') return <StatusNotice className="queue-loading" title="正在加载…" />;
  if (list.phase === 'error') return <StatusNotice className="queue-error" title="质询没能加载" text={list.errorMessage} actionText="重试" onAction={() => void list.reload()} />;
  if (list.items.length === 0) return <StatusNotice className="queue-questions-empty" title="没有待回复的质询" text="业主的质询物业都已回复。" />;
  return (
    <View className="queue-questions">
      <View className="muted">物业须在期限内回复；逾期未答的会同时提交社区。</View>
      {list.items.map((q) => (
        <View key={q.id} className="card queue-question">
          <View className="link-row" onClick={() => void Taro.navigateTo({ url: `${REVIEW_DETAIL_PAGE}?id=${q.disclosureId}` })}>
            <View className="link-main link-title wrap-text">{q.disclosureTitle}</View>
            <Text className="link-arrow">›</Text>
          </View>
          <QuestionEntry question={q} />
        </View>
      ))}
      {list.nextCursor ? (
        <Button className="button button-block queue-questions-more" onClick={() => void list.loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}

/** 业账社审: the disclosures of my estate waiting for the committee, and those already signed off. */
function Queue({ me }: { me: MeView }) {
  const { params } = useRouter();
  const estates = estatesOf(me, COMMITTEE_ROLES);
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [state, setState] = useState<QueueView>('in_review');
  useEffect(() => {
    setCommunityId((shown) => pickEstate(estatesOf(me, COMMITTEE_ROLES), params.communityId, shown));
  }, [me, params.communityId]);
  const list = usePagedList(communityId === null || state === 'questions' ? null : (cursor) => listDisclosures(communityId, { state }, cursor), { reloadOn: `${communityId}|${state}` });
  useDidShow(() => {
    if (list.phase === 'ready') void list.reload(true);
  });
  usePullDownRefresh(() => {
    void list.reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  if (estates.length === 0) return <StatusNotice className="queue-not-allowed" title="您不是业委会委员" text="业委会委员在这里逐项审核物业提交的账目，主任签发后向业主公示。" />;
  const current = VIEWS.find((v) => v.state === state) ?? VIEWS[0];
  return (
    <View>
      {estates.length > 1 ? (
        <ChoiceChips className="queue-estates" itemClassName="queue-estate" items={estates} chosen={communityId} onChoose={(e) => setCommunityId(e.id)} />
      ) : (
        <View className="section-title">{estates[0].name} 业委会</View>
      )}
      <ChoiceChips className="queue-views" itemClassName="queue-view" items={VIEWS} keyOf={(v) => v.state} chosen={state} onChoose={(v) => setState(v.state)} />
      {state === 'questions' && communityId !== null ? <OpenQuestions communityId={communityId} /> : null}
      <SummaryList
        list={list}
        prefix="queue"
        emptyTitle={`没有${current.label}的公示`}
        emptyText={current.empty}
        onOpen={(item) => void Taro.navigateTo({ url: `${REVIEW_DETAIL_PAGE}?id=${item.id}` })}
      />
    </View>
  );
}

export default function ReviewQueue() {
  const gate = useSession({ returnTo: REVIEW_PAGE });
  const meState = useMe(gate.phase);
  return (
    <MeFrame className="queue" gate={gate} meState={meState} purpose="登录后才能审核账目。">
      {(me) => <Queue me={me} />}
    </MeFrame>
  );
}
