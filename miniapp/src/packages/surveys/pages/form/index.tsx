import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Picker, View } from '@tarojs/components';
import { INSPECTION_SECTION_LABELS, SURVEY_MIN_ANSWERS_DEFAULT, SURVEY_TITLE_MAX, TEMPLATE_ITEM_TEXT_MAX, addDays, defaultSurveyItems, shanghaiDate } from '@wuye/contracts';
import { SignedOutPage } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useSession } from '../../../../hooks/useSession';
import { SURVEYS_PAGE, surveyResultsPage } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { launchSurvey } from '../../../../services/surveys';
import '../../surveys.scss';

/**
 * 发起满意度测评 for the regulator's area: title, year, the window, the minimum of answers per estate before results
 * show, and one 5-point item per section of the service standard (the wording can be changed).
 */
export default function LaunchSurvey() {
  const gate = useSession({ returnTo: SURVEYS_PAGE });
  const { me } = useMe(gate.phase);
  const today = shanghaiDate();
  const year = Number(today.slice(0, 4));
  const [title, setTitle] = useState(`${year}年度物业服务满意度测评`);
  const [opensOn, setOpensOn] = useState(today);
  const [closesOn, setClosesOn] = useState(addDays(today, 30));
  const [minAnswers, setMinAnswers] = useState(String(SURVEY_MIN_ANSWERS_DEFAULT));
  const [items, setItems] = useState(defaultSurveyItems());
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const area = me?.roles.find((r) => r.role === 'regulator' && r.areaId);

  const submit = async () => {
    if (busy || !area?.areaId) return;
    const min = Number(minAnswers);
    if (!title.trim()) return setProblem('请填写测评名称');
    if (!Number.isInteger(min) || min < 1) return setProblem('每个小区至少作答户数须是正整数');
    if (items.some((i) => !i.text.trim())) return setProblem('测评项的内容不能为空');
    setBusy(true);
    setProblem('');
    try {
      const launched = await launchSurvey({ areaId: area.areaId, title: title.trim(), year: Number(opensOn.slice(0, 4)), opensOn, closesOn, minAnswers: min, items: items.map((i) => ({ section: i.section, text: i.text.trim() })) });
      await Taro.showToast({ title: '已发起', icon: 'success' });
      void Taro.redirectTo({ url: surveyResultsPage(launched.id) });
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  if (gate.phase !== 'signed-in') return <SignedOutPage gate={gate} purpose="登录后发起满意度测评。" />;
  if (me && !area) return <StatusNotice className="sv-no-area" title="只有县、镇监管部门可以发起测评" text="测评面向监管部门所辖区域内的全部小区。" />;
  return (
    <View className="page sv-page sv-form-page">
      <View className="card">
        {area?.scopeName ? <View className="card-title sv-form-area">面向 {area.scopeName} 的全部小区</View> : null}
        <View className="field">
          <View className="field-label">名称</View>
          <Input className="input sv-form-title" value={title} maxlength={SURVEY_TITLE_MAX} onInput={(e) => { setTitle(e.detail.value); setProblem(''); }} />
        </View>
        <View className="field">
          <View className="field-label">作答时间</View>
          <Picker mode="date" value={opensOn} start={today} onChange={(e) => setOpensOn(String(e.detail.value))}>
            <View className="input sv-form-opens">开始 {opensOn}</View>
          </Picker>
          <Picker mode="date" value={closesOn} start={opensOn} onChange={(e) => setClosesOn(String(e.detail.value))}>
            <View className="input sv-form-closes">结束 {closesOn}</View>
          </Picker>
        </View>
        <View className="field">
          <View className="field-label">每个小区至少多少户作答才显示结果</View>
          <Input className="input sv-form-min" type="number" value={minAnswers} onInput={(e) => { setMinAnswers(e.detail.value); setProblem(''); }} />
        </View>
      </View>
      <View className="card">
        <View className="card-title">测评项（每项 1–5 分）</View>
        {items.map((item, index) => (
          <View key={item.section} className="field">
            <View className="field-label">{INSPECTION_SECTION_LABELS[item.section]}</View>
            <Input className={`input sv-form-item sv-form-item-${item.section}`} value={item.text} maxlength={TEMPLATE_ITEM_TEXT_MAX} onInput={(e) => setItems(items.map((x, i) => (i === index ? { ...x, text: e.detail.value } : x)))} />
          </View>
        ))}
        {problem ? <View className="form-error sv-form-error">{problem}</View> : null}
        <Button className="button button-primary button-block sv-form-submit" disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在发起…' : '发起测评'}
        </Button>
      </View>
    </View>
  );
}
