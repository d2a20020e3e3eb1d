import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatFloorArea, paperCountText, shareText, type DisclosureView } from '@wuye/contracts';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useSession } from '../../../../hooks/useSession';
import { DISCLOSURE_DETAIL_PAGE, DISCLOSURE_EDIT_PAGE, votePage } from '../../../../routes';
import { askQuestion, correctDisclosure, downloadDisclosure } from '../../../../services/disclosures';
import ExportButton from '../../../../components/ExportButton';
import { ShareButton, ShareCardNotice } from '../../../../components/ShareCard';
import { useShareCard } from '../../../../hooks/useShareCard';
import ChainBadge from '../../components/ChainBadge';
import DisclosureHeader from '../../components/DisclosureHeader';
import LineCard from '../../components/LineCard';
import MeFrame from '../../components/MeFrame';
import QuestionEntry from '../../components/QuestionEntry';
import TextForm from '../../components/TextForm';
import AllocationCard from '../../components/AllocationCard';
import TotalsCard from '../../components/TotalsCard';
import VersionList from '../../components/VersionList';
import { errorText } from '../../../../services/errors';
import { useDisclosure } from '../../lib/useDisclosure';
import { DISCLOSURE_EXAMPLES } from '../../lib/examples';
import { displayFen } from '../../lib/money';

/** Where this version stands among its corrections: the reason it corrects an older one, or that it is outdated. */
function CorrectionNotice({ view }: { view: DisclosureView }) {
  const newest = view.versions[0];
  const previous = view.versions.find((v) => v.version === view.version - 1);
  return (
    <View>
      {view.correctionReason ? (
        <View className="card detail-correction">
          <View className="card-title">更正公示</View>
          <View className="wrap-text">更正原因：{view.correctionReason}</View>
          {previous ? (
            <View className="link-row detail-superseded-link" onClick={() => void Taro.navigateTo({ url: `${DISCLOSURE_DETAIL_PAGE}?id=${previous.id}` })}>
              <View className="link-main">查看被更正的第 {previous.version} 版</View>
              <Text className="link-arrow">›</Text>
            </View>
          ) : null}
        </View>
      ) : null}
      {view.state === 'superseded' && newest && newest.id !== view.id ? (
        <View className="card detail-outdated">
          <View className="form-error">这是已被更正的旧版本，仅供查阅。</View>
          <View className="link-row detail-newest-link" onClick={() => void Taro.navigateTo({ url: `${DISCLOSURE_DETAIL_PAGE}?id=${newest.id}` })}>
            <View className="link-main">查看最新的第 {newest.version} 版</View>
            <Text className="link-arrow">›</Text>
          </View>
        </View>
      ) : null}
    </View>
  );
}

function Detail({ id }: { id: number }) {
  const disclosure = useDisclosure(id);
  const { data: view, show } = disclosure;
  const [askingLine, setAskingLine] = useState<number | null>(null);
  const card = useShareCard('disclosure', id, view?.state === 'published');


  if (disclosure.phase === 'error') {
    return <ShareCardNotice kind="disclosure" id={id} otherwise={<StatusNotice className="detail-error" title="公示没能加载" text={disclosure.errorMessage} actionText="重试" onAction={() => void disclosure.reload()} />} />;
  }
  if (disclosure.phase === 'loading' || !view) return <StatusNotice className="detail-loading" title="正在加载…" />;

  const ask = async (text: string, lineId?: number): Promise<string | null> => {
    try {
      const next = await askQuestion(view.id, text, lineId);
      show(next);
      setAskingLine(null);
      void Taro.showToast({ title: '已提交，物业会在期限内回复', icon: 'none', duration: 2500 });
      return null;
    } catch (error) {
      return errorText(error);
    }
  };

  const wholeQuestions = view.questions.filter((q) => q.lineId === null || !view.lines.some((l) => l.id === q.lineId));
  return (
    <View>
      <DisclosureHeader view={view} />
      <CorrectionNotice view={view} />
      {card ? <ShareButton card={card} /> : null}
      {/* The money first: the totals, what came in and went out, and the resident's own share. */}
      {view.vote ? (
        // 业主共同决定结果: the decision as frozen at close; the vote's own page has the turnout and every option.
        <View className="card detail-vote" onClick={() => void Taro.navigateTo({ url: votePage(view.vote?.voteId as number) })}>
          <View className="card-title">{view.vote.title}</View>
          <View className="kv-row">
            <Text className="kv-label">结果</Text>
            <Text className="kv-value detail-vote-verdict">{view.vote.tally.passedOption === null ? '未通过' : `通过：${view.vote.options[view.vote.tally.passedOption]}`}</Text>
          </View>
          <View className="muted">
            参与面积 {shareText(view.vote.tally.participatingAreaCenti, view.vote.tally.totalAreaCenti)}，参与人数 {shareText(view.vote.tally.participatingHeads, view.vote.tally.totalHeads)}
          </View>
          {/* A vote result has no lines: the breakdown by option, as frozen in the chain, stands in their place. */}
          {view.vote.tally.options.map((o) => (
            <View key={o.option} className="kv-row detail-vote-option">
              <Text className="kv-label">{o.option}</Text>
              <Text className="kv-value">
                {o.heads} 人 · {formatFloorArea(o.areaCenti)}㎡
              </Text>
            </View>
          ))}
          {paperCountText(view.vote.tally) ? <View className="muted detail-vote-paper">{paperCountText(view.vote.tally)}</View> : null}
          <View className="link-row">查看表决 ›</View>
        </View>
      ) : (
        <TotalsCard type={view.type} totals={view.totals} className="detail-totals" />
      )}
      {view.myShares.length > 0 ? (
        <View className="card share-card detail-my-share">
          <View className="card-title">我家分摊</View>
          {view.myShares.map((share) => (
            <View key={share.houseId} className="my-share">
              <View className="kv-row">
                <Text className="kv-label wrap-text">{share.house}</Text>
                <Text className="kv-value my-share-amount">{displayFen(share.shareFen)}</Text>
              </View>
              <View className="muted">{share.basis}</View>
            </View>
          ))}
        </View>
      ) : null}
      {view.allocation ? <AllocationCard allocation={view.allocation} totalFen={view.totals.totalFen} className="detail-allocation" /> : null}
      {view.state === 'published' || view.state === 'superseded' ? (
        <ChainBadge communityId={view.communityId} focusId={view.id} howShared={view.allocation ? '每户分摊取整到分，各户之和与总额一致（最大余额法）。' : undefined} />
      ) : null}
      {/* A vote result has no lines to list or export: its breakdown is in the card above. */}
      {!view.vote && (view.state === 'published' || view.state === 'superseded') ? <ExportButton className="detail-export" download={() => downloadDisclosure(view)} /> : null}

      {view.vote ? null : <View className="section-title">明细（{view.lines.length} 项）</View>}
      {view.lines.map((line) => {
        const questions = view.questions.filter((q) => q.lineId === line.id);
        return (
          <LineCard key={line.id} line={line}>
            {questions.map((q) => (
              <QuestionEntry key={q.id} question={q} />
            ))}
            {view.can.ask && askingLine !== line.id ? (
              <Button className="button button-small line-ask-open" onClick={() => setAskingLine(line.id)}>
                就此项提问
              </Button>
            ) : null}
            {view.can.ask && askingLine === line.id ? (
              <TextForm
                className="line-ask"
                label={`对“${line.item}”提问`}
                placeholder={DISCLOSURE_EXAMPLES[view.type].lineQuestion}
                submitText="提交质询"
                onSubmit={(text) => ask(text, line.id)}
                onCancel={() => setAskingLine(null)}
              />
            ) : null}
          </LineCard>
        );
      })}

      <View className="section-title">业主质询</View>
      <View className="card detail-questions">
        {wholeQuestions.length === 0 ? <View className="muted detail-no-questions">还没有对整份公示的质询。</View> : null}
        {wholeQuestions.map((q) => (
          <QuestionEntry key={q.id} question={q} />
        ))}
        {view.can.ask ? (
          <TextForm
            className="detail-ask"
            label="对这份公示提问"
            placeholder={`${DISCLOSURE_EXAMPLES[view.type].question}物业须在规定期限内回复。`}
            submitText="提交质询"
            onSubmit={(text) => ask(text)}
          />
        ) : null}
      </View>

      {view.can.correct ? (
        <View className="card detail-correct">
          <View className="card-title">发起更正</View>
          <View className="muted">已公示的内容不能修改。更正会生成新版本，经业委会审核签发后替代本版，两版及更正原因都向业主公开。</View>
          <TextForm
            className="detail-correct-form"
            label="更正原因"
            placeholder={DISCLOSURE_EXAMPLES[view.type].correction}
            submitText="发起更正"
            max={500}
            onSubmit={async (reason) => {
              try {
                const draft = await correctDisclosure(view.id, reason);
                void Taro.navigateTo({ url: `${DISCLOSURE_EDIT_PAGE}?id=${draft.id}` });
                return null;
              } catch (error) {
                return errorText(error);
              }
            }}
          />
        </View>
      ) : null}

      <VersionList view={view} pageUrl={DISCLOSURE_DETAIL_PAGE} />
    </View>
  );
}

export default function DisclosureDetail() {
  const { params } = useRouter();
  const id = Number(params.id);
  const gate = useSession({ returnTo: `${DISCLOSURE_DETAIL_PAGE}?id=${params.id ?? ''}` });
  const meState = useMe(gate.phase);
  return (
    <MeFrame className="detail" gate={gate} meState={meState} purpose="登录后可以查看公示详情。">
      {() => (Number.isSafeInteger(id) && id > 0 ? <Detail id={id} /> : <StatusNotice className="detail-error" title="找不到这份公示" text="链接不完整，请从公示列表进入。" />)}
    </MeFrame>
  );
}
