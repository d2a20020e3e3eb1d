import { useCallback } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { SURVEYS_PAGE } from '../../../../routes';
import { getSurvey } from '../../../../services/surveys';
import EstateResult from '../../components/EstateResult';
import '../../surveys.scss';

/**
 * 测评结果: each estate of the campaign the caller reaches (a resident: their own), or one estate (?communityId=).
 * Only aggregates: no one sees another person's answer here.
 */
export default function SurveyResults() {
  const { params } = useRouter();
  const id = Number(params.id);
  const only = params.communityId ? Number(params.communityId) : null;
  const gate = useSession({ returnTo: SURVEYS_PAGE });
  const remote = useRemote(useCallback(() => getSurvey(id), [id]), { enabled: gate.phase === 'signed-in' });

  if (gate.phase !== 'signed-in') return <SignedOutPage gate={gate} purpose="登录后查看测评结果。" />;
  const survey = remote.data;
  if (!survey) return <RemoteStatus phase={remote.phase} errorTitle="测评结果没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />;
  const results = survey.results.filter((r) => only === null || r.communityId === only);
  return (
    <View className="page sv-page sv-results-page">
      <View className="card">
        <View className="card-title">{survey.title}</View>
        <View className="muted">
          {survey.areaName} · {survey.opensOn} 至 {survey.closesOn} · 每个小区满 {survey.minAnswers} 户作答后公布结果
        </View>
      </View>
      {results.length === 0 ? <StatusNotice className="sv-no-results" title="没有可查看的小区" text="测评结果按小区显示给本小区的住户和监管部门。" /> : null}
      {results.map((r) => (
        <EstateResult key={r.communityId} result={r} minAnswers={survey.minAnswers} />
      ))}
    </View>
  );
}
