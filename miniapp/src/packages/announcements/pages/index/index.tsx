import { useCallback, useEffect } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import ChoiceChips from '../../../../components/ChoiceChips';
import meNotice from '../../../../components/MeNotice';
import { LoadMore, RemoteStatus } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useChosenEstate } from '../../../../hooks/useChosenEstate';
import { useMe } from '../../../../hooks/useMe';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useSession } from '../../../../hooks/useSession';
import { useShownAgain } from '../../../../hooks/useShownAgain';
import { ANNOUNCEMENT_POST_PAGE, ANNOUNCEMENTS_PAGE, announcementPage } from '../../../../routes';
import { listAnnouncements } from '../../../../services/announcements';
import { announcementBadges, announcementFacts, postingEstates } from '../../lib';
import '../../announcements.scss';

/**
 * 小区公告 for those who post (项目经理, 业委会, 社区): every announcement of the estate, expired and withdrawn ones
 * too, with how many residents read each one the caller's side posted; 发布公告 opens the form.
 */
export default function AnnouncementsHome() {
  const gate = useSession({ returnTo: ANNOUNCEMENTS_PAGE });
  const meState = useMe(gate.phase);
  const { me } = meState;
  const { params } = useRouter();
  const linked = params.communityId ? { id: Number(params.communityId), name: params.name ? decodeURIComponent(params.name) : '本小区' } : null;
  const estates = me ? postingEstates(me, linked) : [];
  const [communityId, setCommunityId] = useChosenEstate(me ? estates : null, Number(params.communityId));
  const fetchPage = useCallback((cursor?: string) => listAnnouncements(communityId as number, { all: true }, cursor), [communityId]);
  const list = usePagedList(communityId !== null ? fetchPage : null);
  const { reload } = list;

  useEffect(() => {
    void reload(false);
  }, [reload, communityId]);
  useShownAgain(() => void reload(true));
  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  const waiting = meNotice('an-page', gate, meState, '登录后发布和查看小区公告。');
  if (waiting || !me) return waiting;
  if (communityId === null) {
    return (
      <View className="page an-page">
        <StatusNotice className="an-not-allowed" title="您没有发布公告的身份" text="小区公告由项目经理、业委会或社区发布。" />
      </View>
    );
  }
  const estateName = estates.find((e) => e.id === communityId)?.name ?? '';
  return (
    <View className="page an-page">
      {estates.length > 1 ? <ChoiceChips className="an-estates" itemClassName="an-estate" items={estates} chosen={communityId} onChoose={(e) => setCommunityId(e.id)} /> : null}
      <Button className="button button-primary button-block an-new" onClick={() => void Taro.navigateTo({ url: `${ANNOUNCEMENT_POST_PAGE}?communityId=${communityId}&name=${encodeURIComponent(estateName)}` })}>
        发布公告
      </Button>
      <RemoteStatus phase={list.phase} errorTitle="公告没能加载" errorMessage={list.errorMessage} onRetry={() => void reload(false)} />
      {list.phase === 'ready' && list.items.length === 0 ? <StatusNotice className="an-empty" title="还没有公告" text={`${estateName}还没有发布过公告。`} /> : null}
      {list.items.length > 0 ? (
        <View className="card an-list">
          {list.items.map((a) => (
            <View key={a.id} className="an-row an-item" onClick={() => void Taro.navigateTo({ url: announcementPage(a.id) })}>
              <View className="an-row-main">
                <View className="an-row-title">
                  {announcementBadges(a).map((badge) => (
                    <Text key={badge} className="badge badge-pending an-badge">
                      {badge}
                    </Text>
                  ))}
                  {a.title}
                </View>
                <View className="an-facts">
                  <Text>{announcementFacts(a)}</Text>
                  {a.readCount !== null ? <Text className="an-reads an-item-reads">已读 {a.readCount} 人</Text> : null}
                </View>
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
