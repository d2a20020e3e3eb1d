import { useEffect } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import CommunityCard from '../../components/CommunityCard';
import PrivacyDialog from '../../components/PrivacyDialog';
import StatusNotice from '../../components/StatusNotice';
import WorkspaceEntries from '../../components/WorkspaceEntries';
import { useMe } from '../../hooks/useMe';
import { usePagedList } from '../../hooks/usePagedList';
import { useSession } from '../../hooks/useSession';
import { residentCommunities } from '../../packages/tickets/residence';
import { listCommunities } from '../../services/directory';
import { workspaceEntries } from '../../services/workspace';
import { TICKETS_PAGE, TICKET_REPORT_PAGE } from '../../routes';
import EstateAnnouncements from './EstateAnnouncements';
import MyEstate from './MyEstate';
import OpenSurveys from './OpenSurveys';
import './index.scss';

/**
 * 首页: a resident's estate announcements first (小区公告), an open satisfaction survey to answer, then their own estate (我的小区), then the signed-in user's workspaces (current role first), then the
 * county's estates from the public directory.
 */
export default function Home() {
  // The directory is public: the page never waits for the session, it only adds the entries once there is one.
  const gate = useSession();
  const { me } = useMe(gate.phase);
  const ownEstate = me ? (residentCommunities(me)[0]?.id ?? null) : null;
  // Answers of an older first page (a refresh overtaken by another) are dropped by the hook.
  const { phase, items, nextCursor, errorMessage, loadingMore, reload: loadFirstPage, loadMore } = usePagedList(listCommunities);

  useEffect(() => {
    void loadFirstPage(false);
  }, [loadFirstPage]);

  // A failed pull-down refresh keeps the list the resident is reading and only says why.
  usePullDownRefresh(() => {
    void loadFirstPage(true).finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className="page home">
      {gate.phase === 'failed' ? (
        <View className="card home-signin-failed">
          <View className="home-signin-failed-text">登录没有成功：{gate.message}</View>
          <Button className="button button-small home-signin-retry" onClick={gate.signIn}>
            重试
          </Button>
        </View>
      ) : null}
      {ownEstate !== null ? <EstateAnnouncements communityId={ownEstate} /> : null}
      {ownEstate !== null ? <OpenSurveys communityId={ownEstate} /> : null}
      {me && me.roles.some((role) => role.role === 'resident') ? (
        // 随手拍 and 我的报事 one tap from home: the two things residents come for most.
        <View className="card home-tickets">
          <Button className="button button-primary home-report" onClick={() => void Taro.navigateTo({ url: TICKET_REPORT_PAGE })}>
            随手拍
          </Button>
          <Button className="button home-my-tickets" onClick={() => void Taro.navigateTo({ url: TICKETS_PAGE })}>
            我的报事
          </Button>
        </View>
      ) : null}
      {ownEstate !== null ? <MyEstate communityId={ownEstate} /> : null}
      {me ? <WorkspaceEntries className="home-workspaces" entries={workspaceEntries(me)} /> : null}
      <View className="home-heading">小区名录</View>
      {phase === 'loading' ? <StatusNotice className="list-loading" title="正在加载…" /> : null}
      {phase === 'error' ? (
        <StatusNotice
          className="list-error"
          title="小区列表没能加载"
          text={errorMessage}
          actionText="重试"
          onAction={() => void loadFirstPage(false)}
        />
      ) : null}
      {phase === 'ready' && items.length === 0 ? (
        <StatusNotice className="list-empty" title="暂无小区" text="本县的小区信息还没有录入。" />
      ) : null}
      {phase === 'ready' && items.length > 0 ? (
        <View className="community-list">
          {items.map((community) => (
            <CommunityCard key={community.id} community={community} />
          ))}
        </View>
      ) : null}
      {phase === 'ready' && nextCursor !== null ? (
        // No `loading` prop: on H5 toggling it under changing text breaks Taro's Button (DOM insertBefore error).
        <Button className="button load-more" disabled={loadingMore || undefined} onClick={() => void loadMore()}>
          {loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
      <PrivacyDialog />
    </View>
  );
}
