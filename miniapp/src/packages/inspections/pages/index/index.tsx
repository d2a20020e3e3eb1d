import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { INSPECTION_KIND_LABELS, shanghaiDateTime, type InspectionView, type Page, type RectificationSummary } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import { LoadMore, RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useQueuedDrafts } from '../../../../hooks/useQueuedDrafts';
import { useSession } from '../../../../hooks/useSession';
import { INSPECTION_FORM_PAGE, INSPECTION_STATS_PAGE, INSPECTION_TEMPLATES_PAGE, INSPECTIONS_PAGE, inspectionPage } from '../../../../routes';
import { inspectionDrafts, listInspections, listRectifications, type InspectionDraft } from '../../../../services/inspections';
import { sessionUserId } from '../../../../services/session';
import OrderRow from '../../components/OrderRow';
import '../../inspections.scss';

type TabKey = 'orders' | 'overdue' | 'inspections';
const TABS: { key: TabKey; label: string }[] = [
  { key: 'orders', label: '整改单' },
  { key: 'overdue', label: '逾期督办' },
  { key: 'inspections', label: '检查记录' },
];
const INSPECTOR_ROLES = ['community_office', 'regulator', 'platform_admin'];

/**
 * 检查与整改: the 整改单 of the caller's reach (the property side: its own company's), those past their deadline (the
 * office's 督办), the inspections; inspectors start a new one here and see the drafts still waiting on the phone.
 */
export default function InspectionsHome() {
  const gate = useSession({ returnTo: INSPECTIONS_PAGE });
  const signedIn = gate.phase === 'signed-in';
  const { me } = useMe(gate.phase);
  const inspector = !!me?.roles.some((r) => INSPECTOR_ROLES.includes(r.role));
  // ?tab=overdue: opened from the 督办 queue.
  const asked = useRouter().params.tab;
  const [tab, setTab] = useState<TabKey>(TABS.some((t) => t.key === asked) ? (asked as TabKey) : 'orders');
  const userId = signedIn ? sessionUserId() : null;

  const fetchPage = useCallback(
    (cursor?: string): Promise<Page<RectificationSummary | InspectionView>> => (tab === 'inspections' ? listInspections({ cursor }) : listRectifications({ overdue: tab === 'overdue', cursor })),
    [tab],
  );
  const list = usePagedList(signedIn ? fetchPage : null, { reloadOn: signedIn ? fetchPage : null });

  // Drafts written offline go out when the page shows and when the network returns, each recorded once.
  const drafts = useQueuedDrafts(inspectionDrafts, userId, () => void list.reload(true));
  useDidShow(() => {
    if (signedIn) void list.reload(true);
  });
  usePullDownRefresh(() => {
    void (signedIn ? list.reload(true) : Promise.resolve()).finally(() => Taro.stopPullDownRefresh());
  });

  const retry = async (draft: InspectionDraft) => {
    const outcome = await inspectionDrafts.send(draft.key);
    if (outcome.status === 'sent') void Taro.showToast({ title: '已提交', icon: 'success' });
    else if (outcome.status === 'waiting') void Taro.showToast({ title: outcome.message, icon: 'none', duration: 3000 });
  };
  const discard = async (draft: InspectionDraft) => {
    const answer = await Taro.showModal({ title: '删除这份检查记录', content: '删除后它不会再发送，也无法恢复。', confirmText: '删除', cancelText: '保留' });
    if (answer.confirm) inspectionDrafts.discard(draft.key);
  };

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后查看检查记录和整改单。" />;

  return (
    <View className="page insp-page insp-home">
      {inspector ? (
        <View className="button-row insp-home-buttons">
          <Button className="button button-primary insp-new" onClick={() => void Taro.navigateTo({ url: INSPECTION_FORM_PAGE })}>
            新建检查
          </Button>
          <Button className="button insp-templates-link" onClick={() => void Taro.navigateTo({ url: INSPECTION_TEMPLATES_PAGE })}>
            检查表
          </Button>
          <Button className="button insp-stats-link" onClick={() => void Taro.navigateTo({ url: INSPECTION_STATS_PAGE })}>
            统计
          </Button>
        </View>
      ) : null}
      {drafts.length > 0 ? (
        <View className="card insp-drafts">
          <View className="card-title">待发送</View>
          {drafts.map((d) => (
            <View key={d.key} className="insp-row insp-draft">
              <View className="insp-row-main">
                <View className="insp-row-title">
                  {d.communityName} · {INSPECTION_KIND_LABELS[d.input.kind]} · {d.input.inspectedOn}
                </View>
                <View className={d.error ? 'form-error wrap-text' : 'muted'}>{d.error ? `没有提交成功：${d.error}` : `保存于 ${shanghaiDateTime(d.createdAt)}，有网络时自动发送`}</View>
                <View className="insp-actions">
                  {d.error ? null : (
                    <Button className="button button-small insp-draft-send" onClick={() => void retry(d)}>
                      立即发送
                    </Button>
                  )}
                  <Button className="button button-small insp-draft-delete" onClick={() => void discard(d)}>
                    删除
                  </Button>
                </View>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <ChoiceChips className="insp-tabs" itemClassName="insp-tab" items={TABS} keyOf={(t) => t.key} labelOf={(t) => t.label} isSelected={(t) => t.key === tab} onChoose={(t) => setTab(t.key)} />
      <RemoteStatus phase={list.phase} errorTitle="没能加载" errorMessage={list.errorMessage} onRetry={() => void list.reload()} />
      {list.phase === 'ready' && list.items.length === 0 ? (
        <StatusNotice className="insp-empty" title={tab === 'inspections' ? '还没有检查记录' : tab === 'overdue' ? '没有逾期的整改单' : '没有整改单'} text="检查中的不合格项会下发整改单，逾期未整改的转社区督办。" />
      ) : null}
      {list.phase === 'ready' && list.items.length > 0 ? (
        <View className="card insp-list">
          {tab === 'inspections'
            ? (list.items as InspectionView[]).map((i) => (
                <View key={i.id} className="insp-row insp-inspection" onClick={() => void Taro.navigateTo({ url: inspectionPage(i.id) })}>
                  <View className="insp-row-main">
                    <View className="insp-row-title">
                      {i.communityName} · {INSPECTION_KIND_LABELS[i.kind]}
                    </View>
                    <View className="insp-facts">
                      <Text>{i.inspectedOn}</Text>
                      <Text>得分 {i.score ?? '—'}</Text>
                      <Text>
                        整改 {i.orders.closed}/{i.orders.issued} 已销号
                      </Text>
                    </View>
                  </View>
                  <Text className="link-arrow">›</Text>
                </View>
              ))
            : (list.items as RectificationSummary[]).map((o) => <OrderRow key={o.id} order={o} />)}
        </View>
      ) : null}
      <LoadMore list={list} />
    </View>
  );
}
