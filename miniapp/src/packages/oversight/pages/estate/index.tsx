import { useCallback } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { shanghaiDate, type CommitteeEvaluationView, type CommunityView, type StarRatingsView } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import { OverseenEstate, ShareButton, ShareCardNotice } from '../../../../components/ShareCard';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useOwnEstate } from '../../../../hooks/useOwnEstate';
import { useShareCard } from '../../../../hooks/useShareCard';
import { useSession } from '../../../../hooks/useSession';
import { COMMITTEE_EVALUATION_PAGE, ESTATE_STANDING_PAGE } from '../../../../routes';
import { getCommitteeEvaluations } from '../../../../services/surveys';
import { getCommunity, getCompanyCredit, getStarRatings, type CompanyCredit } from '../../../../services/oversight';
import ContractCard from '../../components/ContractCard';
import CreditStandingCard from '../../components/CreditStandingCard';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import { ratingLabel } from '../../lib/format';
import { useRemote } from '../../../../hooks/useRemote';
import '../../oversight.scss';

interface Standing {
  community: CommunityView;
  ratings: StarRatingsView;
  credit: CompanyCredit | null;
  /** 业委会履职考评: the latest year's evaluation (null: never evaluated, or it could not be loaded). */
  committee: CommitteeEvaluationView | null;
}

/** 小区星级与物业信用: what residents may see of the regulators' verdicts on their estate, its company and its contract. */
export default function EstateStanding() {
  const gate = useSession({ returnTo: ESTATE_STANDING_PAGE });
  const { phase: mePhase, me } = useMe(gate.phase);
  // A share card opens the page with the estate's id.
  const opened = Number(useRouter().params.id) || null;
  const { estates, communityId, choose } = useOwnEstate(me, opened);
  const card = useShareCard('standing', communityId ?? 0, communityId !== null);

  const load = useCallback(async (): Promise<Standing> => {
    const id = communityId as number;
    // The committee's grade is a line on the page: without it the rest still shows.
    const [community, ratings, committee] = await Promise.all([getCommunity(id), getStarRatings(id), getCommitteeEvaluations(id).then((v) => v.history[0] ?? null, () => null)]);
    const credit = community.company ? await getCompanyCredit(community.company.id) : null;
    return { community, ratings, credit, committee };
  }, [communityId]);
  const remote = useRemote(load, { enabled: communityId !== null });
  const { phase, errorMessage } = remote;
  const standing = remote.data;

  if (gate.phase !== 'signed-in') return <SignedOutPage gate={gate} purpose="登录并绑定房屋后，可以查看本小区的星级评定和物业企业信用。" />;
  const noEstate = <StatusNotice className="ov-no-estate" title="还没有绑定房屋" text="绑定房屋并通过审核后，可以在这里查看本小区的星级评定和物业企业信用。" />;
  // Opened from a card of an estate the viewer has no house in: what it is, and the way in.
  if (mePhase === 'ready' && opened !== null && !estates.some((e) => e.id === opened)) {
    return (
      <View className="page ov-page">
        <ShareCardNotice kind="standing" id={opened} otherwise={<OverseenEstate me={me} communityId={opened} otherwise={noEstate} />} />
      </View>
    );
  }
  if (mePhase === 'ready' && estates.length === 0) return <View className="page ov-page">{noEstate}</View>;

  const latest = standing?.ratings.latest;
  return (
    <View className="page ov-page ov-estate-page">
      {estates.length > 1 ? (
        <ChoiceChips className="ov-estates" itemClassName="ov-estate" items={estates} chosen={communityId} onChoose={(e) => choose(e.id)} />
      ) : null}
      {card ? <ShareButton card={card} /> : null}
      <RemoteStatus phase={phase} errorTitle="没能加载" errorMessage={errorMessage} onRetry={() => void remote.reload()} />
      {phase === 'ready' && standing ? (
        <View className="ov-columns">
          <View className="ov-column">
            <View className="card ov-estate-rating">
              <View className="card-title">{standing.community.name} 星级评定</View>
              {latest ? (
                <View>
                  <View className="ov-stars ov-estate-stars">{ratingLabel(latest)}</View>
                  <View className="wrap-text ov-estate-reason">{latest.reason}</View>
                  <View className="muted">
                    {latest.issuingArea} 评定 · {shanghaiDate(latest.ratedAt)}
                  </View>
                </View>
              ) : (
                <View className="muted ov-estate-unrated">本小区还没有星级评定结果。</View>
              )}
            </View>
            <View className="card ov-estate-committee" onClick={() => void Taro.navigateTo({ url: `${COMMITTEE_EVALUATION_PAGE}?communityId=${standing.community.id}&name=${encodeURIComponent(standing.community.name)}` })}>
              <View className="card-title">业委会履职考评</View>
              {standing.committee ? (
                <View>
                  <View className="ov-stars ov-estate-committee-grade">{`${standing.committee.year}年度 ${standing.committee.gradeLabel}`}</View>
                  <View className="muted">
                    {standing.committee.issuingArea} 考评 · {shanghaiDate(standing.committee.evaluatedAt)}
                  </View>
                </View>
              ) : (
                <View className="muted ov-estate-committee-none">本小区的业委会还没有履职考评结果。</View>
              )}
            </View>
          </View>
          <View className="ov-column">
            {standing.community.company && standing.community.contract ? <ContractCard company={standing.community.company} contract={standing.community.contract} /> : null}
            {standing.credit ? (
              <CreditStandingCard credit={standing.credit} />
            ) : (
              <View className="card muted ov-estate-no-company">本小区目前没有在管的物业服务企业。</View>
            )}
          </View>
        </View>
      ) : null}
    </View>
  );
}
