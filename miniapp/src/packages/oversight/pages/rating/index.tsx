import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { ERROR_CODES, SURVEY_TOO_FEW, shanghaiDate, shanghaiDateTime, type RatingIndicators, type StarRatingsView } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import { useSession } from '../../../../hooks/useSession';
import { STAR_RATING_PAGE } from '../../../../routes';
import { getStarRatings, rateCommunity } from '../../../../services/oversight';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import { percent, starsLabel } from '../../lib/format';
import { STAR_CHOICES, ratingProblem, type StarChoice as Choice } from '../../lib/rating';
import { useRemote } from '../../../../hooks/useRemote';
import { errorText } from '../../../../services/errors';
import { ApiError } from '../../../../services/http';
import TextBox from '../../../../components/TextBox';
import '../../oversight.scss';

const REASON_MAX = 500;
/** How many years back the chips reach (the API bounds them by the estate's first year). */
const YEARS_SHOWN = 5;

const choiceLabel = (c: Choice) => (c === 'none' ? '不定星' : `${c}星`);

function Indicators({ indicators }: { indicators: RatingIndicators }) {
  const rows = [
    { key: 'tickets', label: '工单数', value: String(indicators.tickets) },
    { key: 'satisfaction', label: '满意率', value: percent(indicators.satisfactionRate) },
    { key: 'response', label: '按时响应率', value: percent(indicators.onTimeResponseRate) },
    { key: 'resolution', label: '按时办结率', value: percent(indicators.onTimeResolutionRate) },
    { key: 'disclosure', label: '公示合规率', value: percent(indicators.disclosureComplianceRate) },
    { key: 'overdue', label: '当年报事中逾期未办', value: String(indicators.overdueOpen) },
    { key: 'inspections', label: '检查', value: `${indicators.inspections} 次${indicators.inspectionAverageScore === null ? '' : ` · 平均 ${indicators.inspectionAverageScore} 分`}` },
    { key: 'patrols', label: '巡检完成率（月）', value: percent(indicators.patrolCompletionRate) },
    { key: 'survey', label: '满意度测评', value: indicators.surveyAnswers === 0 ? '—' : indicators.surveyScore === null ? `${indicators.surveyAnswers} 户作答 · ${SURVEY_TOO_FEW}` : `${indicators.surveyScore.toFixed(2)} 分 · ${indicators.surveyAnswers} 户作答` },
    { key: 'rectifications', label: '整改单', value: `${indicators.rectificationsIssued} 项 · 已销号 ${indicators.rectificationsClosed} · 逾期 ${indicators.rectificationsOverdue}` },
  ];
  return (
    <View className="card ov-indicators">
      <View className="card-title">{indicators.year}年度 系统指标</View>
      {rows.map((row) => (
        <View key={row.key} className={`ov-row ov-indicator ov-indicator-${row.key}`}>
          <Text className="ov-indicator-label">{row.label}</Text>
          <Text className="ov-indicator-value">{row.value}</Text>
        </View>
      ))}
    </View>
  );
}

/** The years open to rating, newest first, from the API's range (before it answers: the year asked for). */
function ratableYears(range: StarRatingsView['years'] | undefined, asked: number): number[] {
  if (!range) return [asked];
  const years: number[] = [];
  for (let y = range.last; y >= Math.max(range.first, range.last - YEARS_SHOWN + 1); y--) years.push(y);
  return years;
}

/**
 * 星级评定: a regulator rates an estate for a year (1–5 stars or 不定星 with a reason), beside the system's indicators.
 * A year has one rating: changing it makes the next version and needs a reason, said before the button is pressed.
 */
export default function StarRatingForm() {
  const { params } = useRouter();
  const communityId = Number(params.communityId);
  const name = params.name ? decodeURIComponent(params.name) : '小区';
  const gate = useSession({ returnTo: `${STAR_RATING_PAGE}?communityId=${communityId}` });
  const [year, setYear] = useState(Number(shanghaiDate().slice(0, 4)) - 1);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [reason, setReason] = useState('');
  const [changeReason, setChangeReason] = useState('');
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const signedIn = gate.phase === 'signed-in';
  const load = useCallback(() => getStarRatings(communityId, year), [communityId, year]);
  const remote = useRemote(load, { enabled: signedIn });
  const { phase, data, errorMessage } = remote;
  const years = ratableYears(data?.years, year);
  const current = data?.current ?? null;
  // A change of the year's rating needs its reason (the API refuses it otherwise): the button says so first.
  const blocked = current && changeReason.trim() === '' ? ERROR_CODES.RATING_CHANGE_NEEDS_REASON : null;
  // A year outside the estate's range (it began serving this year, say): the newest one open to rating instead.
  useEffect(() => {
    if (data && (year < data.years.first || year > data.years.last)) setYear(data.years.last);
  }, [data, year]);

  const submit = async () => {
    const problem = ratingProblem(choice, reason);
    if (problem) {
      setFormError(problem);
      return;
    }
    setBusy(true);
    setFormError('');
    try {
      const change = current ? { baseVersion: current.version, changeReason: changeReason.trim() } : {};
      await rateCommunity(communityId, { year, stars: choice === 'none' ? null : choice, reason: reason.trim(), ...change });
      setChoice(null);
      setReason('');
      setChangeReason('');
      void Taro.showToast({ title: '已评定', icon: 'success' });
      await remote.reload(true);
    } catch (error) {
      setFormError(errorText(error));
      // Someone changed the year's rating meanwhile: show it as it is now, keeping what was typed.
      if (error instanceof ApiError && error.code === 'STALE_VERSION') await remote.reload(true);
    } finally {
      setBusy(false);
    }
  };

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后进行星级评定。" />;

  return (
    <View className="page ov-page ov-rating-page">
      <View className="ov-header">
        <View className="ov-title ov-rating-title">{name} 星级评定</View>
      </View>
      <ChoiceChips className="ov-years" itemClassName="ov-year" items={years} labelOf={(y) => `${y}年度`} chosen={year} onChoose={setYear} />
      {data ? <View className="muted ov-rating-years">可评定 {data.years.first}–{data.years.last} 年度（小区有物业服务的年度，且不晚于今年）。</View> : null}
      <RemoteStatus phase={phase} errorTitle="评定信息没能加载" errorMessage={errorMessage} onRetry={() => void remote.reload()} />
      {phase === 'ready' && data ? (
        <View className="ov-columns">
          <View className="ov-column">
            {data.can.rate ? (
              <View className="card ov-rating-form">
                <View className="card-title">{year}年度评定</View>
                {current ? (
                  <View className="muted ov-rating-current">
                    当前：{starsLabel(current.stars)}（第{current.version}版，{current.issuingArea} {current.ratedBy}，{shanghaiDateTime(current.ratedAt)}）。修改将记为第{current.version + 1}版，原有各版保留。
                  </View>
                ) : (
                  <View className="muted ov-rating-current">本年度还没有评定。</View>
                )}
                <View className="field">
                  <View className="field-label">星级</View>
                  <ChoiceChips
                    className="ov-star-choices"
                    itemClassName="ov-star-choice"
                    items={STAR_CHOICES}
                    keyOf={(c) => String(c)}
                    labelOf={choiceLabel}
                    isSelected={(c) => c === choice}
                    onChoose={(c) => {
                      setChoice(c);
                      setFormError('');
                    }}
                  />
                </View>
                <View className="field">
                  <View className="field-label">{choice === 'none' ? '不定星原因（必填）' : '评定理由（必填）'}</View>
                  <TextBox
                    className="ov-rating-reason"
                    value={reason}
                    max={REASON_MAX}
                    placeholder={choice === 'none' ? '例如：年内更换物业服务企业，服务期不足一年' : '例如：服务规范，业主满意度高，公示及时'}
                    onChange={(value) => {
                      setReason(value);
                      setFormError('');
                    }}
                  />
                </View>
                {current ? (
                  <View className="field">
                    <View className="field-label">修改原因（必填）</View>
                    <TextBox
                      className="ov-rating-change-reason"
                      value={changeReason}
                      max={REASON_MAX}
                      placeholder="例如：复核投诉记录后调整"
                      onChange={(value) => {
                        setChangeReason(value);
                        setFormError('');
                      }}
                    />
                  </View>
                ) : null}
                {formError ? <View className="form-error ov-rating-error">{formError}</View> : null}
                {blocked ? <View className="form-error ov-rating-blocked">{blocked}</View> : null}
                <Button className="button button-primary button-block ov-rating-submit" disabled={busy || blocked !== null || undefined} onClick={() => void submit()}>
                  {busy ? '正在提交…' : current ? '提交修改' : '提交评定'}
                </Button>
              </View>
            ) : null}
            <View className="card ov-rating-history">
              <View className="card-title">评定记录</View>
              {data.history.length === 0 ? <View className="muted">还没有评定记录。</View> : null}
              {data.history.map((r) => (
                <View key={r.id} className="ov-row ov-history-item">
                  <View className="ov-row-main">
                    <View className="ov-row-title">
                      {r.year}年度 第{r.version}版 <Text className="ov-stars">{starsLabel(r.stars)}</Text>
                    </View>
                    <View className="wrap-text">{r.reason}</View>
                    {r.changeReason ? <View className="wrap-text ov-history-change">修改原因：{r.changeReason}</View> : null}
                    <View className="muted">
                      {r.issuingArea} {r.ratedBy} · {shanghaiDateTime(r.ratedAt)}
                    </View>
                  </View>
                </View>
              ))}
            </View>
          </View>
          <View className="ov-column">
            <Indicators indicators={data.indicators} />
          </View>
        </View>
      ) : null}
    </View>
  );
}
