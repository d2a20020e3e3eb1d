import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { VOTE_MATTER_LABELS, VOTE_STATE_LABELS, shanghaiDateTime } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import meNotice from '../../../../components/MeNotice';
import { LoadMore, RemoteStatus } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useSession } from '../../../../hooks/useSession';
import { VOTE_EDIT_PAGE, VOTES_PAGE, votePage } from '../../../../routes';
import { listVotes } from '../../../../services/votes';
import { estatesOf } from '../../../disclosures/lib/estates';
import '../../votes.scss';

/**
 * 业主表决: the votes of the caller's estates — open ones to vote in, closed ones with their result; drafts and those
 * awaiting approval for the committee and the community office. The chair starts a new one here.
 */
export default function Votes() {
  const gate = useSession({ returnTo: VOTES_PAGE });
  const meState = useMe(gate.phase);
  const { me } = meState;
  // The office oversees estates by area: its list is everything the API lets it see, without an estate filter.
  const estates = me ? estatesOf(me) : [];
  const [communityId, setCommunityId] = useState<number | null>(null);
  const firstEstate = estates[0]?.id ?? null;
  useEffect(() => setCommunityId((shown) => shown ?? firstEstate), [firstEstate]);
  const fetchPage = useCallback((cursor?: string) => listVotes({ communityId: communityId ?? undefined, cursor }), [communityId]);
  const list = usePagedList(me ? fetchPage : null, { reloadOn: me ? fetchPage : null });
  useDidShow(() => void list.reload(true));
  usePullDownRefresh(() => void list.reload(true).finally(() => Taro.stopPullDownRefresh()));
  const chairOf = me?.roles.filter((r) => r.role === 'committee_chair' && r.communityId).map((r) => r.communityId as number) ?? [];
  const draftIn = communityId !== null && chairOf.includes(communityId) ? communityId : (chairOf[0] ?? null);

  // Without the user (signed out, loading, or an answer that failed) there is no list to load: say which.
  const waiting = meNotice('vote-page vote-list-page', gate, meState, '登录并绑定房屋后，可以参加本小区的业主表决。');
  if (waiting) return waiting;
  return (
    <View className="page vote-page vote-list-page">
      {estates.length > 1 ? <ChoiceChips className="vote-estates" itemClassName="vote-estate" items={estates} chosen={communityId} onChoose={(e) => setCommunityId(e.id)} /> : null}
      {draftIn !== null ? (
        <Button className="button button-primary button-block vote-new" onClick={() => void Taro.navigateTo({ url: `${VOTE_EDIT_PAGE}?communityId=${draftIn}` })}>
          起草表决事项
        </Button>
      ) : null}
      <RemoteStatus phase={list.phase === 'idle' ? 'loading' : list.phase} errorTitle="表决没能加载" errorMessage={list.errorMessage} onRetry={() => void list.reload()} />
      {list.phase === 'ready' && list.items.length === 0 ? <StatusNotice className="vote-empty" title="还没有表决" text="业委会发起、社区批准的业主表决会显示在这里。" /> : null}
      {list.phase === 'ready' && list.items.length > 0 ? (
        <View className="card vote-list">
          {list.items.map((v) => (
            <View key={v.id} className={`vote-row vote-row-${v.state}`} onClick={() => void Taro.navigateTo({ url: votePage(v.id) })}>
              <View className="vote-row-main">
                <View className="vote-row-title">{v.title}</View>
                <View className="vote-facts">
                  <Text>{VOTE_MATTER_LABELS[v.matter]}</Text>
                  <Text>{v.state === 'closed' ? (v.passedOption ? `通过：${v.passedOption}` : '未通过') : `截止 ${shanghaiDateTime(v.endsAt)}`}</Text>
                </View>
              </View>
              <Text className={`badge badge-${v.state} vote-state`}>{VOTE_STATE_LABELS[v.state]}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <LoadMore list={list} />
    </View>
  );
}
