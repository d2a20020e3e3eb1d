import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { DisclosureLineView, DisclosureView, ReviewView } from '@wuye/contracts';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useSession } from '../../../../hooks/useSession';
import { DISCLOSURE_DETAIL_PAGE, REVIEW_DETAIL_PAGE } from '../../../../routes';
import { reviewDisclosure, signOffDisclosure, type ReviewInput } from '../../../../services/disclosures';
import DisclosureHeader from '../../../disclosures/components/DisclosureHeader';
import LineCard from '../../../disclosures/components/LineCard';
import MeFrame from '../../../disclosures/components/MeFrame';
import QuestionEntry from '../../../disclosures/components/QuestionEntry';
import ReviewEntry from '../../../disclosures/components/ReviewEntry';
import TextForm from '../../../disclosures/components/TextForm';
import AllocationCard from '../../../disclosures/components/AllocationCard';
import TotalsCard from '../../../disclosures/components/TotalsCard';
import VersionList from '../../../disclosures/components/VersionList';
import { errorText } from '../../../../services/errors';
import { useDisclosure } from '../../../disclosures/lib/useDisclosure';

/**
 * 通过 / 质疑 for one line (or the whole disclosure): approving is one tap, a query needs a comment the manager
 * must answer before the chair can sign off.
 */
function ReviewActions({ target, onDecide }: { target: string; onDecide: (input: Omit<ReviewInput, 'lineId'>) => Promise<string | null> }) {
  const [querying, setQuerying] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const approve = async () => {
    setBusy(true);
    setError('');
    const refusal = await onDecide({ decision: 'approve' });
    setBusy(false);
    if (refusal) setError(refusal);
  };
  if (querying) {
    return (
      <TextForm
        className="review-query-form"
        label={`对“${target}”的疑问`}
        placeholder="写明需要物业说明或更正的地方，例如：成本比上季度高三成，请附明细"
        submitText="提交质疑"
        max={500}
        onSubmit={async (comment) => {
          const refusal = await onDecide({ decision: 'query', comment });
          if (!refusal) setQuerying(false);
          return refusal;
        }}
        onCancel={() => setQuerying(false)}
      />
    );
  }
  return (
    <View>
      <View className="button-row review-actions">
        <Button className="button button-small review-approve" disabled={busy || undefined} onClick={() => void approve()}>
          {busy ? '正在提交…' : '通过'}
        </Button>
        <Button className="button button-small button-danger review-query" disabled={busy || undefined} onClick={() => setQuerying(true)}>
          质疑
        </Button>
      </View>
      {error ? <View className="form-error review-action-error">{error}</View> : null}
    </View>
  );
}

/** The chair's sign-off, held back with the API's reason (open queries) before anyone presses it. */
function SignOff({ view, onSigned }: { view: DisclosureView; onSigned: (next: DisclosureView) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const sign = async () => {
    const answer = await Taro.showModal({ title: '签发公示', content: `签发后“${view.title}”将向全体业主公示，不能再修改（只能更正）。确认签发？`, confirmText: '签发', cancelText: '取消' });
    if (!answer.confirm) return;
    setBusy(true);
    setError('');
    try {
      onSigned(await signOffDisclosure(view.id));
      void Taro.showToast({ title: '已签发公示', icon: 'success' });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card sign-off">
      <View className="card-title">主任签发</View>
      <View className={view.blocked.signOff ? 'form-error sign-off-blocked' : 'muted'}>{view.blocked.signOff ?? '本轮没有未回复的质疑，可以签发。'}</View>
      {error ? <View className="form-error sign-off-error">{error}</View> : null}
      <Button className="button button-primary button-block sign-off-button" disabled={busy || !view.can.signOff || undefined} onClick={() => void sign()}>
        {busy ? '正在签发…' : '签发公示'}
      </Button>
    </View>
  );
}

function Review({ id }: { id: number }) {
  const disclosure = useDisclosure(id);
  const { data: view, show } = disclosure;

  if (disclosure.phase === 'error') {
    return <StatusNotice className="audit-error" title="公示没能加载" text={disclosure.errorMessage} actionText="重试" onAction={() => void disclosure.reload()} />;
  }
  if (disclosure.phase === 'loading' || !view) return <StatusNotice className="audit-loading" title="正在加载…" />;

  const decide = (line: DisclosureLineView | null) => async (input: Omit<ReviewInput, 'lineId'>) => {
    try {
      show(await reviewDisclosure(view.id, line ? { ...input, lineId: line.id } : input));
      void Taro.showToast({ title: input.decision === 'approve' ? '已通过' : '已提出质疑', icon: 'success' });
      return null;
    } catch (error) {
      return errorText(error);
    }
  };

  const thisRound = (r: ReviewView) => r.round === view.reviewRound;
  const earlier = view.reviews.filter((r) => !thisRound(r));
  const whole = view.reviews.filter((r) => thisRound(r) && (r.lineId === null || !view.lines.some((l) => l.id === r.lineId)));
  const openQueries = view.reviews.filter((r) => thisRound(r) && r.decision === 'query' && !r.answer).length;

  return (
    <View>
      <DisclosureHeader view={view} />
      {view.state === 'in_review' ? (
        <View className="card review-round">
          <View className="card-title">第 {view.reviewRound} 轮审核</View>
          <View className="muted">逐项审核明细与凭证：无误点“通过”，有疑问点“质疑”并写明原因。{openQueries ? `本轮有 ${openQueries} 条质疑待物业回复。` : ''}</View>
        </View>
      ) : null}
      {view.state === 'published' ? (
        <View className="card review-published">
          <View className="card-title">已签发公示</View>
          <View className="link-row review-open-board" onClick={() => void Taro.navigateTo({ url: `${DISCLOSURE_DETAIL_PAGE}?id=${view.id}` })}>
            <View className="link-main">查看业主看到的公示和防篡改校验</View>
            <Text className="link-arrow">›</Text>
          </View>
        </View>
      ) : null}
      <TotalsCard type={view.type} totals={view.totals} className="review-totals" />
      {view.allocation ? <AllocationCard allocation={view.allocation} totalFen={view.totals.totalFen} className="review-allocation" /> : null}

      <View className="section-title">明细（{view.lines.length} 项）</View>
      {view.lines.map((line) => (
        <LineCard key={line.id} line={line}>
          {view.reviews
            .filter((r) => thisRound(r) && r.lineId === line.id)
            .map((r) => (
              <ReviewEntry key={r.id} review={r} />
            ))}
          {line.approved ? (
            <View className="review-line-approved">
              <Text className="badge badge-approved">已通过</Text>
            </View>
          ) : view.can.review ? (
            <ReviewActions target={line.item} onDecide={decide(line)} />
          ) : null}
        </LineCard>
      ))}

      <View className="card review-whole">
        <View className="card-title">整份公示</View>
        {whole.map((r) => (
          <ReviewEntry key={r.id} review={r} />
        ))}
        {view.can.review ? <ReviewActions target="整份公示" onDecide={decide(null)} /> : <View className="muted">{view.state === 'in_review' ? '' : '不在审核中。'}</View>}
      </View>

      {view.can.signOff || view.blocked.signOff ? <SignOff view={view} onSigned={show} /> : null}

      {earlier.length > 0 ? (
        <View className="card review-earlier">
          <View className="card-title">以往轮次的意见</View>
          {earlier.map((r) => (
            <ReviewEntry key={r.id} review={r} />
          ))}
        </View>
      ) : null}

      {view.questions.length > 0 ? (
        <View className="card review-questions">
          <View className="card-title">业主质询</View>
          {view.questions.map((q) => (
            <QuestionEntry key={q.id} question={q} />
          ))}
        </View>
      ) : null}

      <VersionList view={view} pageUrl={REVIEW_DETAIL_PAGE} />
    </View>
  );
}

export default function ReviewDetail() {
  const { params } = useRouter();
  const id = Number(params.id);
  const gate = useSession({ returnTo: `${REVIEW_DETAIL_PAGE}?id=${params.id ?? ''}` });
  const meState = useMe(gate.phase);
  return (
    <MeFrame className="review-detail" gate={gate} meState={meState} purpose="登录后才能审核账目。">
      {() => (Number.isSafeInteger(id) && id > 0 ? <Review id={id} /> : <StatusNotice className="audit-error" title="找不到这份公示" text="请从审核列表进入。" />)}
    </MeFrame>
  );
}
