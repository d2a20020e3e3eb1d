import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import {
  DISCLOSURE_STATE_LABELS,
  DISCLOSURE_TYPE_LABELS,
  periodLabel,
  shanghaiDate,
  type ComplianceItem,
  type DisclosureState,
  type MeView,
} from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useSession } from '../../../../hooks/useSession';
import { DISCLOSURE_DETAIL_PAGE, DISCLOSURE_EDIT_PAGE, DISCLOSURE_MANAGE_PAGE } from '../../../../routes';
import { answerQuestion, getCompliance, listDisclosures, listEstateQuestions } from '../../../../services/disclosures';
import MeFrame from '../../components/MeFrame';
import QuestionEntry from '../../components/QuestionEntry';
import SummaryList from '../../components/SummaryList';
import TextForm from '../../components/TextForm';
import { MANAGER_ROLES, estatesOf, pickEstate } from '../../lib/estates';
import { errorText } from '../../../../services/errors';
import { useRemote } from '../../../../hooks/useRemote';
import { usePagedList } from '../../../../hooks/usePagedList';

type Tab = 'disclosures' | 'questions' | 'compliance';
const TABS: { key: Tab; label: string }[] = [
  { key: 'disclosures', label: '公示' },
  { key: 'questions', label: '待回复质询' },
  { key: 'compliance', label: '公示合规' },
];
const STATES: (DisclosureState | null)[] = [null, 'draft', 'in_review', 'published'];

const COMPLIANCE_LABELS: Record<ComplianceItem['status'], string> = { published: '已按时公示', published_late: '逾期后公示', due: '待公示', overdue: '已逾期' };
const COMPLIANCE_BADGES: Record<ComplianceItem['status'], string> = { published: 'badge-approved', published_late: 'badge-pending', due: 'badge-pending', overdue: 'badge-overdue' };

function DisclosureList({ communityId }: { communityId: number }) {
  const [state, setState] = useState<DisclosureState | null>(null);
  const list = usePagedList((cursor) => listDisclosures(communityId, { state: state ?? undefined }, cursor), { reloadOn: `${communityId}|${state}` });
  useDidShow(() => {
    if (list.phase === 'ready') void list.reload(true);
  });
  return (
    <View>
      <Button className="button button-primary button-block manage-new" onClick={() => void Taro.navigateTo({ url: `${DISCLOSURE_EDIT_PAGE}?communityId=${communityId}` })}>
        ＋ 新建公示
      </Button>
      <View className="filter-label">状态</View>
      <ChoiceChips
        className="manage-states"
        itemClassName="manage-state"
        items={STATES}
        keyOf={(s) => s ?? 'all'}
        labelOf={(s) => (s ? DISCLOSURE_STATE_LABELS[s] : '全部')}
        isSelected={(s) => s === state}
        onChoose={setState}
      />
      <SummaryList
        list={list}
        prefix="manage"
        emptyTitle="没有这类公示"
        emptyText="点“新建公示”起草一份，保存后提交业委会审核。"
        onOpen={(item) => void Taro.navigateTo({ url: `${item.state === 'draft' || item.state === 'in_review' ? DISCLOSURE_EDIT_PAGE : DISCLOSURE_DETAIL_PAGE}?id=${item.id}` })}
      />
    </View>
  );
}

function Questions({ communityId }: { communityId: number }) {
  const list = usePagedList((cursor) => listEstateQuestions(communityId, 'unanswered', cursor), { reloadOn: `${communityId}` });
  const [answered, setAnswered] = useState<number[]>([]);
  useDidShow(() => {
    if (list.phase === 'ready') void list.reload(true);
  });
  const open = list.items.filter((q) => !answered.includes(q.id));
  if (list.phase === 'loading') return <StatusNotice className="questions-loading" title="正在加载…" />;
  if (list.phase === 'error') return <StatusNotice className="questions-error" title="质询没能加载" text={list.errorMessage} actionText="重试" onAction={() => void list.reload()} />;
  if (list.phase === 'ready' && open.length === 0) return <StatusNotice className="questions-empty" title="没有待回复的质询" text="业主对公示提出的质询会显示在这里，须在期限内回复。" />;
  return (
    <View className="manage-questions">
      {open.map((q) => (
        <View key={q.id} className="card manage-question">
          <View className="link-row manage-question-title" onClick={() => void Taro.navigateTo({ url: `${DISCLOSURE_DETAIL_PAGE}?id=${q.disclosureId}` })}>
            <View className="link-main link-title wrap-text">{q.disclosureTitle}</View>
            <Text className="link-arrow">›</Text>
          </View>
          <QuestionEntry question={q}>
            <TextForm
              className="question-answer-form"
              label="回复业主"
              placeholder="回复会公开给本小区的业主"
              submitText="回复"
              max={2000}
              onSubmit={async (text) => {
                try {
                  await answerQuestion(q.id, text);
                  setAnswered((ids) => [...ids, q.id]);
                  void Taro.showToast({ title: '已回复', icon: 'success' });
                  return null;
                } catch (error) {
                  return errorText(error);
                }
              }}
            />
          </QuestionEntry>
        </View>
      ))}
      {list.nextCursor ? (
        <Button className="button button-block questions-more" onClick={() => void list.loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}

function Compliance({ communityId }: { communityId: number }) {
  const remote = useRemote(useCallback(() => getCompliance(communityId), [communityId]));
  const view = remote.data;
  if (remote.phase === 'error') {
    return <StatusNotice className="compliance-error" title="合规情况没能加载" text={remote.errorMessage} actionText="重试" onAction={() => void remote.reload()} />;
  }
  if (remote.phase === 'loading' || !view) return <StatusNotice className="compliance-loading" title="正在加载…" />;
  const items = [...view.items].sort((a, b) => (b.dueBy < a.dueBy ? -1 : b.dueBy > a.dueBy ? 1 : 0));
  return (
    <View className="compliance">
      <View className={`card compliance-summary${view.overdue ? ' compliance-has-overdue' : ''}`}>
        <View className="card-title">{view.overdue ? `有 ${view.overdue} 项公示已逾期` : '没有逾期的公示'}</View>
        <View className="muted">公摊费用每月公示，公共收益至少每季度公示。</View>
        {view.unansweredQuestionsOverdue ? <View className="form-error">有 {view.unansweredQuestionsOverdue} 条业主质询逾期未答</View> : null}
      </View>
      <View className="card">
        {items.map((item) => (
          <View key={`${item.type}-${item.period}`} className={`compliance-item compliance-${item.status}`}>
            <View className="kv-row">
              <Text className="kv-label wrap-text">
                {DISCLOSURE_TYPE_LABELS[item.type]} · {periodLabel(item.period)}
              </Text>
              <Text className={`badge ${COMPLIANCE_BADGES[item.status]} compliance-status`}>{COMPLIANCE_LABELS[item.status]}</Text>
            </View>
            <View className="muted">应于 {shanghaiDate(item.dueBy)} 前公示</View>
            {item.status === 'due' || item.status === 'overdue' ? (
              <Button
                className="button button-small compliance-draft"
                onClick={() => void Taro.navigateTo({ url: `${DISCLOSURE_EDIT_PAGE}?communityId=${communityId}&type=${item.type}` })}
              >
                去起草
              </Button>
            ) : null}
          </View>
        ))}
      </View>
    </View>
  );
}

function Manage({ me }: { me: MeView }) {
  const { params } = useRouter();
  const estates = estatesOf(me, MANAGER_ROLES);
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [tab, setTab] = useState<Tab>((params.tab as Tab) || 'disclosures');
  const [refreshKey, setRefreshKey] = useState(0);
  useEffect(() => {
    setCommunityId((shown) => pickEstate(estatesOf(me, MANAGER_ROLES), params.communityId, shown));
  }, [me, params.communityId]);
  usePullDownRefresh(() => {
    setRefreshKey((k) => k + 1);
    Taro.stopPullDownRefresh();
  });

  if (estates.length === 0 || communityId === null) {
    return <StatusNotice className="manage-not-allowed" title="您不能管理公示" text="公示由小区的项目经理起草，业委会审核后发布。" />;
  }
  return (
    <View>
      {estates.length > 1 ? (
        <ChoiceChips className="manage-estates" itemClassName="manage-estate" items={estates} chosen={communityId} onChoose={(e) => setCommunityId(e.id)} />
      ) : (
        <View className="section-title">{estates[0].name}</View>
      )}
      <ChoiceChips className="manage-tabs" itemClassName="manage-tab" items={TABS} chosen={tab} onChoose={(t) => setTab(t.key)} />
      <View key={`${communityId}-${refreshKey}`}>
        {tab === 'disclosures' ? <DisclosureList communityId={communityId} /> : null}
        {tab === 'questions' ? <Questions communityId={communityId} /> : null}
        {tab === 'compliance' ? <Compliance communityId={communityId} /> : null}
      </View>
    </View>
  );
}

export default function DisclosureManage() {
  const gate = useSession({ returnTo: DISCLOSURE_MANAGE_PAGE });
  const meState = useMe(gate.phase);
  return (
    <MeFrame className="manage" gate={gate} meState={meState} purpose="登录后才能管理公示。">
      {(me) => <Manage me={me} />}
    </MeFrame>
  );
}
