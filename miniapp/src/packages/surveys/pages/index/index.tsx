import { useCallback } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { SURVEY_STATE_LABELS, type SurveySummary } from '@wuye/contracts';
import meNotice from '../../../../components/MeNotice';
import { LoadMore, RemoteStatus } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useSession } from '../../../../hooks/useSession';
import { SURVEY_FORM_PAGE, SURVEYS_PAGE, surveyAnswerPage, surveyResultsPage } from '../../../../routes';
import { listSurveys } from '../../../../services/surveys';
import { canRate } from '../../../oversight/lib/format';
import '../../surveys.scss';

/** A campaign opens where the caller has something to do: answering (a house still to answer), else the results. */
const pageOf = (s: SurveySummary) => (s.state === 'open' && s.toAnswer > 0 ? surveyAnswerPage(s.id) : surveyResultsPage(s.id));

/**
 * 满意度测评: the campaigns covering the caller's estates, newest first. Residents answer from here; regulators
 * launch a campaign and open each one's results per estate.
 */
export default function Surveys() {
  const gate = useSession({ returnTo: SURVEYS_PAGE });
  const meState = useMe(gate.phase);
  const { me } = meState;
  const fetchPage = useCallback((cursor?: string) => listSurveys({ cursor }), []);
  const list = usePagedList(me ? fetchPage : null, { reloadOn: me ? fetchPage : null });
  useDidShow(() => void list.reload(true));
  usePullDownRefresh(() => void list.reload(true).finally(() => Taro.stopPullDownRefresh()));

  // Without the user (signed out, loading, or an answer that failed) there is no list to load: say which.
  const waiting = meNotice('sv-page sv-list-page', gate, meState, '登录并绑定房屋后，可以参加本小区的满意度测评。');
  if (waiting) return waiting;
  return (
    <View className="page sv-page sv-list-page">
      {me && canRate(me) ? (
        <Button className="button button-primary button-block sv-new" onClick={() => void Taro.navigateTo({ url: SURVEY_FORM_PAGE })}>
          发起满意度测评
        </Button>
      ) : null}
      <RemoteStatus phase={list.phase === 'idle' ? 'loading' : list.phase} errorTitle="测评没能加载" errorMessage={list.errorMessage} onRetry={() => void list.reload()} />
      {list.phase === 'ready' && list.items.length === 0 ? <StatusNotice className="sv-empty" title="还没有满意度测评" text="监管部门发起的年度物业服务满意度测评会显示在这里。" /> : null}
      {list.phase === 'ready' && list.items.length > 0 ? (
        <View className="card sv-list">
          {list.items.map((s) => (
            <View key={s.id} className={`sv-row sv-row-${s.state}`} onClick={() => void Taro.navigateTo({ url: pageOf(s) })}>
              <View className="sv-row-main">
                <View className="sv-row-title">{s.title}</View>
                <View className="sv-facts">
                  <Text>{s.areaName}</Text>
                  <Text>
                    {s.opensOn} 至 {s.closesOn}
                  </Text>
                  {s.toAnswer > 0 && s.state === 'open' ? <Text className="sv-to-answer">待作答 {s.toAnswer} 户</Text> : null}
                </View>
              </View>
              <Text className={`badge badge-${s.state === 'open' ? 'pending' : 'approved'} sv-state`}>{SURVEY_STATE_LABELS[s.state]}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <LoadMore list={list} />
    </View>
  );
}
