import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { INSPECTION_SECTION_LABELS, SURVEY_COMMENT_MAX, SURVEY_SCORE_LABELS, shanghaiDateTime, type SurveyView } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import TextBox from '../../../../components/TextBox';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { SURVEYS_PAGE, surveyResultsPage } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { answerSurvey, getSurvey, myAnswers } from '../../../../services/surveys';
import '../../surveys.scss';

const POINTS = [1, 2, 3, 4, 5];

/**
 * 作答: one house's answer — a 1–5 row for every item, grouped by the sections of the service standard, and an optional
 * comment only the resident will ever see again. Once the house has answered the page says 已提交 and shows that answer
 * (each item's score and the comment; only residents of the house can read it).
 */
export default function AnswerSurvey() {
  const { params } = useRouter();
  const id = Number(params.id);
  const gate = useSession({ returnTo: SURVEYS_PAGE });
  const remote = useRemote(useCallback(() => getSurvey(id), [id]), { enabled: gate.phase === 'signed-in' });
  const anyAnswered = !!remote.data?.myHouses.some((h) => h.answered);
  const answers = useRemote(useCallback(() => myAnswers(id), [id]), { enabled: gate.phase === 'signed-in' && anyAnswered });
  const [houseId, setHouseId] = useState<number | null>(null);
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  if (gate.phase !== 'signed-in') return <SignedOutPage gate={gate} purpose="登录并绑定房屋后，可以参加满意度测评。" />;
  const survey = remote.data;
  if (!survey) return <RemoteStatus phase={remote.phase} errorTitle="测评没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />;

  const open = survey.myHouses.filter((h) => !h.answered);
  const house = houseId ?? open[0]?.houseId ?? null;
  const submit = async (view: SurveyView) => {
    if (busy || house === null) return;
    if (view.items.some((i) => !scores[i.code])) return setProblem('请为每一项选择 1–5 分');
    setBusy(true);
    setProblem('');
    try {
      await answerSurvey(view.id, { houseId: house, scores, comment: comment.trim() || undefined });
      await Taro.showToast({ title: '已提交，谢谢参与', icon: 'success' });
      setScores({});
      setComment('');
      setHouseId(null);
      await remote.reload(true);
      if (anyAnswered) await answers.reload(true);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page sv-page sv-answer-page">
      <View className="card">
        <View className="card-title sv-title">{survey.title}</View>
        <View className="muted">
          {survey.areaName} · {survey.opensOn} 至 {survey.closesOn} · 每户一份，个人答卷只有您自己能看到
        </View>
      </View>
      {survey.myHouses
        .filter((h) => h.answered)
        .map((h) => {
          const mine = answers.data?.find((a) => a.houseId === h.houseId);
          return (
            <View key={h.houseId} className="card sv-done">
              <Text className="sv-submitted">已提交</Text>
              <View className="muted">
                {h.house} 已参加本次测评{mine ? `（${shanghaiDateTime(mine.answeredAt)}）` : ''}
              </View>
              {mine
                ? survey.items.map((item) => (
                    <View key={item.code} className={`sv-mine sv-mine-${item.code}`}>
                      {item.text}：{mine.scores[item.code]} 分 · {SURVEY_SCORE_LABELS[mine.scores[item.code] - 1]}
                    </View>
                  ))
                : null}
              {mine?.comment ? <View className="muted wrap-text sv-mine-comment">您的意见：{mine.comment}</View> : null}
            </View>
          );
        })}
      {survey.can.answer && house !== null ? (
        <View className="card sv-form">
          {open.length > 1 ? <ChoiceChips className="sv-houses" itemClassName="sv-house" items={open.map((h) => ({ id: h.houseId, name: h.house }))} chosen={house} onChoose={(h) => setHouseId(h.id)} /> : <View className="muted sv-house-one">为 {open[0].house} 作答</View>}
          {survey.items.map((item, index) => (
            <View key={item.code} className={`sv-item sv-item-${item.code}`}>
              {index === 0 || survey.items[index - 1].section !== item.section ? <View className="sv-section">{INSPECTION_SECTION_LABELS[item.section]}</View> : null}
              <View>{item.text}</View>
              <View className="sv-points">
                {POINTS.map((p) => (
                  <View key={p} className={`sv-point sv-point-${p}${scores[item.code] === p ? ' sv-point-chosen' : ''}`} onClick={() => { setScores({ ...scores, [item.code]: p }); setProblem(''); }}>
                    {p}
                  </View>
                ))}
              </View>
              {scores[item.code] ? <View className="sv-point-hint">{SURVEY_SCORE_LABELS[scores[item.code] - 1]}</View> : null}
            </View>
          ))}
          <View className="field">
            <View className="field-label">意见和建议（选填）</View>
            <TextBox className="sv-comment" value={comment} max={SURVEY_COMMENT_MAX} placeholder="只有您自己能看到，物业看不到个人答卷" onChange={setComment} />
          </View>
          {problem ? <View className="form-error sv-error">{problem}</View> : null}
          <Button className="button button-primary button-block sv-submit" disabled={busy || undefined} onClick={() => void submit(survey)}>
            {busy ? '正在提交…' : '提交'}
          </Button>
        </View>
      ) : null}
      {!survey.can.answer && survey.myHouses.length === 0 ? <View className="card muted sv-not-eligible">本次测评由已认证房屋的住户作答。</View> : null}
      {!survey.can.answer && survey.state !== 'open' && survey.myHouses.some((h) => !h.answered) ? <View className="card muted sv-closed">{survey.state === 'upcoming' ? `测评 ${survey.opensOn} 开始` : '测评已结束'}</View> : null}
      <View className="link-row sv-results-link" onClick={() => void Taro.navigateTo({ url: surveyResultsPage(survey.id) })}>
        <View className="link-main">查看本小区测评结果</View>
        <Text className="link-arrow">›</Text>
      </View>
    </View>
  );
}
