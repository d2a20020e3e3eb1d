import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { DISCLOSURE_TYPE_LABELS, DISCLOSURE_TYPES, periodLabel, shanghaiDate, type DisclosureType, type MeView } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useSession } from '../../../../hooks/useSession';
import { DISCLOSURES_PAGE, DISCLOSURE_DETAIL_PAGE, DISCLOSURE_MANAGE_PAGE, REVIEW_PAGE } from '../../../../routes';
import { downloadDisclosureYear, listDisclosures } from '../../../../services/disclosures';
import ExportButton from '../../../../components/ExportButton';
import ChainBadge from '../../components/ChainBadge';
import MeFrame from '../../components/MeFrame';
import SummaryList from '../../components/SummaryList';
import { COMMITTEE_ROLES, MANAGER_ROLES, estatesOf, pickEstate } from '../../lib/estates';
import { recentPeriods } from '../../lib/lines';
import { usePagedList } from '../../../../hooks/usePagedList';

const TYPE_CHOICES: (DisclosureType | null)[] = [null, ...DISCLOSURE_TYPES];

/** 小区公示: the board of an estate per type and period, with the tamper-evidence check on top. */
function Board({ me }: { me: MeView }) {
  const { params } = useRouter();
  const estates = estatesOf(me);
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [type, setType] = useState<DisclosureType | null>((params.type as DisclosureType) || null);
  const [period, setPeriod] = useState<string | null>(null);

  useEffect(() => {
    setCommunityId((shown) => pickEstate(estatesOf(me), params.communityId, shown));
  }, [me, params.communityId]);

  const list = usePagedList(communityId === null ? null : (cursor) => listDisclosures(communityId, { type: type ?? undefined, period: period ?? undefined }, cursor), { reloadOn: `${communityId}|${type}|${period}` });

  usePullDownRefresh(() => {
    void list.reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  if (estates.length === 0) {
    return <StatusNotice className="board-no-estate" title="还看不到公示" text="绑定您在小区的房屋后，就能查看本小区的收费、公共收益、公摊和维保支出公示。" />;
  }
  const manages = communityId !== null && estatesOf(me, MANAGER_ROLES).some((e) => e.id === communityId);
  const reviews = communityId !== null && estatesOf(me, COMMITTEE_ROLES).some((e) => e.id === communityId);
  const periods = recentPeriods(type, new Date());
  const thisYear = Number(shanghaiDate().slice(0, 4));

  return (
    <View>
      {estates.length > 1 ? (
        <ChoiceChips className="board-estates" itemClassName="board-estate" items={estates} chosen={communityId} onChoose={(e) => setCommunityId(e.id)} />
      ) : (
        <View className="section-title board-estate-name">{estates[0].name}</View>
      )}
      {communityId !== null ? <ChainBadge communityId={communityId} /> : null}
      {communityId !== null ? (
        <ExportButton
          className="board-export"
          label={`导出${thisYear}年公示 Excel`}
          download={() => downloadDisclosureYear(communityId, thisYear, estates.find((e) => e.id === communityId)?.name ?? '小区')}
        />
      ) : null}
      {manages || reviews ? (
        <View className="card">
          {manages ? (
            <View className="link-row board-manage" onClick={() => void Taro.navigateTo({ url: `${DISCLOSURE_MANAGE_PAGE}?communityId=${communityId}` })}>
              <View className="link-main">
                <View className="link-title">公示管理</View>
                <View className="muted">起草公示、回复业委会和业主的质询</View>
              </View>
              <Text className="link-arrow">›</Text>
            </View>
          ) : null}
          {reviews ? (
            <View className="link-row board-review" onClick={() => void Taro.navigateTo({ url: `${REVIEW_PAGE}?communityId=${communityId}` })}>
              <View className="link-main">
                <View className="link-title">业委会审核</View>
                <View className="muted">逐项审核账目、签发公示</View>
              </View>
              <Text className="link-arrow">›</Text>
            </View>
          ) : null}
        </View>
      ) : null}

      <View className="filter-label">类别</View>
      <ChoiceChips
        className="board-types"
        itemClassName="board-type"
        items={TYPE_CHOICES}
        keyOf={(t) => t ?? 'all'}
        labelOf={(t) => (t ? DISCLOSURE_TYPE_LABELS[t] : '全部')}
        isSelected={(t) => t === type}
        onChoose={(t) => {
          setType(t);
          setPeriod(null);
        }}
      />
      <View className="filter-label">期间</View>
      <ChoiceChips
        className="board-periods"
        itemClassName="board-period"
        items={[null, ...periods]}
        keyOf={(p) => p ?? 'all'}
        labelOf={(p) => (p ? periodLabel(p) : '全部期间')}
        isSelected={(p) => p === period}
        onChoose={setPeriod}
      />

      <SummaryList
        list={list}
        prefix="board"
        emptyTitle="暂无公示"
        emptyText={type || period ? `${period ? periodLabel(period) : ''}${type ? DISCLOSURE_TYPE_LABELS[type] : ''}还没有公示，可换个类别或期间看看。` : '物业公司公示后会显示在这里。'}
        onOpen={(item) => void Taro.navigateTo({ url: `${DISCLOSURE_DETAIL_PAGE}?id=${item.id}` })}
      />
    </View>
  );
}

export default function DisclosuresBoard() {
  const gate = useSession({ returnTo: DISCLOSURES_PAGE });
  const meState = useMe(gate.phase);
  return (
    <MeFrame className="board" gate={gate} meState={meState} purpose="登录后可以查看本小区的公示。">
      {(me) => <Board me={me} />}
    </MeFrame>
  );
}
