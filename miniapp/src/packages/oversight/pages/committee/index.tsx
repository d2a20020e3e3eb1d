import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { COMMITTEE_GRADE_BANDS, COMMITTEE_GRADE_LABELS, DISCLOSURE_REVIEW_DAYS, EVALUATION_COMMENT_MAX, committeeGrade, shanghaiDate, type CommitteeIndicators } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import TextBox from '../../../../components/TextBox';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { ESTATE_STANDING_PAGE } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { getCommitteeEvaluations, recordCommitteeEvaluation } from '../../../../services/surveys';
import { percent } from '../../lib/format';
import '../../oversight.scss';

const bands = COMMITTEE_GRADE_BANDS.map((b, i) => `${COMMITTEE_GRADE_LABELS[b.grade]} ${b.from}${i === 0 ? '–100' : `–${COMMITTEE_GRADE_BANDS[i - 1].from - 1}`}`).join('，');

/** What the system counted for the year: each as a share with its counts. */
function CommitteeIndicatorRows({ indicators, title }: { indicators: CommitteeIndicators; title: string }) {
  const rows = [
    { key: 'reviews', label: `公示按时审核（${DISCLOSURE_REVIEW_DAYS} 天内）`, value: `${percent(indicators.reviewsInTimeRate)} · ${indicators.reviewsInTime}/${indicators.reviewsDue}` },
    { key: 'questions', label: '业主质询已回复', value: `${percent(indicators.questionsAnsweredRate)} · ${indicators.questionsAnswered}/${indicators.questionsAsked}` },
    { key: 'meetings', label: '参加联席会议', value: indicators.meetingsHeld === 0 ? '当年没有召开' : `${percent(indicators.meetingsAttendedRate)} · ${indicators.meetingsAttended}/${indicators.meetingsHeld}` },
    { key: 'votes', label: '组织业主表决', value: `${indicators.votesRun} 次` },
  ];
  return (
    <View className="card ov-indicators ov-committee-indicators">
      <View className="card-title">{title}</View>
      {rows.map((row) => (
        <View key={row.key} className={`ov-row ov-indicator ov-committee-indicator-${row.key}`}>
          <Text className="ov-indicator-label">{row.label}</Text>
          <Text className="ov-indicator-value">{row.value}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * 业委会履职考评 of an estate: the indicators the system counts for a year, and the community office's evaluation
 * (score, comment; the grade follows from fixed bands). Residents see the result; the office records it or changes it.
 */
export default function CommitteeEvaluation() {
  const { params } = useRouter();
  const communityId = Number(params.communityId);
  const thisYear = Number(shanghaiDate().slice(0, 4));
  const [year, setYear] = useState(thisYear - 1);
  const gate = useSession({ returnTo: ESTATE_STANDING_PAGE });
  const remote = useRemote(useCallback(() => getCommitteeEvaluations(communityId, year), [communityId, year]), { enabled: gate.phase === 'signed-in' });
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const [changeReason, setChangeReason] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  if (gate.phase !== 'signed-in') return <SignedOutPage gate={gate} purpose="登录后查看业委会履职考评。" />;
  const view = remote.data;
  const current = view?.current ?? null;
  const typed = Number(score);
  const valid = score.trim() !== '' && Number.isInteger(typed) && typed >= 0 && typed <= 100;

  const submit = async () => {
    if (busy || !view) return;
    if (!valid) return setProblem('请填写 0–100 的整数分数');
    if (!comment.trim()) return setProblem('请填写考评意见');
    if (current && !changeReason.trim()) return setProblem('修改已有的考评须填写修改原因');
    setBusy(true);
    setProblem('');
    try {
      await recordCommitteeEvaluation({ communityId, year, score: typed, comment: comment.trim(), ...(current ? { baseVersion: current.version, changeReason: changeReason.trim() } : {}) });
      await Taro.showToast({ title: '已记录', icon: 'success' });
      setScore('');
      setComment('');
      setChangeReason('');
      await remote.reload(true);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page ov-page ov-committee-page">
      <ChoiceChips className="ov-committee-years" itemClassName="ov-committee-year" items={[thisYear - 1, thisYear].map((y) => ({ id: y, name: `${y}年度` }))} chosen={year} onChoose={(y) => setYear(y.id)} />
      <RemoteStatus phase={remote.phase} errorTitle="考评没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />
      {view ? (
        <View>
          <View className="card ov-committee-result">
            <View className="card-title">{view.communityName} {year}年度 业委会履职考评</View>
            {current ? (
              <View>
                <View className="ov-stars ov-committee-grade">{current.gradeLabel}</View>
                <View className="muted">
                  {current.score} 分 · {current.issuingArea} 考评 · {shanghaiDate(current.evaluatedAt)}
                  {current.version > 1 ? ` · 第 ${current.version} 版` : ''}
                </View>
                <View className="wrap-text ov-committee-comment">{current.comment}</View>
                {current.changeReason ? <View className="muted">修改原因：{current.changeReason}</View> : null}
              </View>
            ) : (
              <View className="muted ov-committee-none">该年度还没有考评结果。</View>
            )}
          </View>
          {current ? <CommitteeIndicatorRows indicators={current.indicators} title="考评时的系统指标" /> : null}
          {view.can.evaluate ? (
            <View>
              <CommitteeIndicatorRows indicators={view.indicators} title={`${year}年度 系统指标（当前）`} />
              <View className="card ov-committee-form">
                <View className="card-title">{current ? '修改考评（新版本）' : '记录考评'}</View>
                <View className="field">
                  <View className="field-label">分数（0–100）</View>
                  <Input className="input ov-committee-score" type="number" value={score} onInput={(e) => { setScore(e.detail.value); setProblem(''); }} />
                  <View className="muted ov-committee-bands">{valid ? `等级：${COMMITTEE_GRADE_LABELS[committeeGrade(typed)]}` : `按分数定等级：${bands}`}</View>
                </View>
                <View className="field">
                  <View className="field-label">考评意见</View>
                  <TextBox className="ov-committee-comment-input" value={comment} max={EVALUATION_COMMENT_MAX} placeholder="履职情况、存在问题和改进要求" onChange={(v) => { setComment(v); setProblem(''); }} />
                </View>
                {current ? (
                  <View className="field">
                    <View className="field-label">修改原因</View>
                    <TextBox className="ov-committee-reason" value={changeReason} max={500} placeholder="为什么修改已有的考评" onChange={(v) => { setChangeReason(v); setProblem(''); }} />
                  </View>
                ) : null}
                {problem ? <View className="form-error ov-committee-error">{problem}</View> : null}
                <Button className="button button-primary button-block ov-committee-submit" disabled={busy || undefined} onClick={() => void submit()}>
                  {busy ? '正在提交…' : current ? '保存修改' : '记录考评'}
                </Button>
              </View>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
