import { useReducer, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, View } from '@tarojs/components';
import { PROXY_CHANNELS, TICKET_SOURCE_LABELS, channelHasCaller, type ProxyChannel } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import SessionNotice from '../../../../components/SessionNotice';
import StatusNotice from '../../../../components/StatusNotice';
import TextBox from '../../../../components/TextBox';
import { useSession } from '../../../../hooks/useSession';
import { HANDLING_TICKET_PAGE, PROXY_REPORT_PAGE } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { newIdempotencyKey } from '../../../../services/outbox';
import { fileOnBehalf } from '../../../../services/tickets';
import { EMPTY_DRAFT, PLACE_MAX, reportDraftReducer, reportInput, reportProblem } from '../../../tickets/pages/report/draft';
import WhatSection from '../../../tickets/pages/report/sections/WhatSection';
import './index.scss';

/** The channels offered: an inspection's own finding is the community office's to file (?inspection=1). */
const channelsFor = (inspection: boolean): readonly ProxyChannel[] => PROXY_CHANNELS.filter((c) => inspection || c !== 'inspection');

/** What is missing of the caller, in the words of the person filing; null when it is complete. */
function callerProblem(channel: ProxyChannel, name: string, phone: string): string | null {
  if (!channelHasCaller(channel)) return null;
  if (!name.trim()) return '请填写反映人的姓名';
  if (!/^[\d\s+\-()（）]{7,20}$/.test(phone.trim())) return '请填写反映人的手机号，或带区号的座机号';
  return null;
}

/**
 * 代报: the estate's manager or staff, or its community office, file what a caller reported by 12345, 信访, 来访,
 * 电话 or 物业投诉直通车 (the office also its own inspection's finding): the caller's name and phone (kept encrypted,
 * shown masked), what and where. The ticket then follows the loop; once resolved, the caller gets a return visit.
 */
export default function ProxyReport() {
  const gate = useSession({ returnTo: PROXY_REPORT_PAGE });
  const { params } = useRouter();
  const communityId = Number(params.communityId);
  const estateName = params.name ? decodeURIComponent(params.name) : '本小区';
  const channels = channelsFor(params.inspection === '1');
  const [draft, dispatch] = useReducer(reportDraftReducer, EMPTY_DRAFT);
  const [channel, setChannel] = useState<ProxyChannel>(channels[0]);
  const [callerName, setCallerName] = useState('');
  const [callerPhone, setCallerPhone] = useState('');
  const [busy, setBusy] = useState(false);
  // One key for this form: sending again after a lost answer files nothing twice (the API answers with the first).
  const [submissionKey] = useState(newIdempotencyKey);

  if (gate.phase !== 'signed-in') {
    return (
      <View className="page proxy">
        <SessionNotice gate={gate} purpose="登录后才能代报。" />
      </View>
    );
  }
  if (!Number.isInteger(communityId) || communityId <= 0) {
    return (
      <View className="page proxy">
        <StatusNotice className="proxy-missing" title="请先选择小区" text="请从物业工作台或监管页面的小区打开代报。" />
      </View>
    );
  }

  const withCaller = channelHasCaller(channel);
  const submit = async () => {
    const problem = callerProblem(channel, callerName, callerPhone) ?? reportProblem(draft);
    if (problem || !draft.category) return dispatch({ type: 'problem', message: problem ?? '请选择问题类别' });
    setBusy(true);
    try {
      const ticket = await fileOnBehalf(
        {
          ...reportInput(draft, communityId, draft.category),
          photoIds: [],
          channel,
          ...(withCaller ? { callerName: callerName.trim(), callerPhone: callerPhone.trim() } : {}),
        },
        submissionKey,
      );
      void Taro.showToast({ title: '已代报', icon: 'success' });
      void Taro.redirectTo({ url: `${HANDLING_TICKET_PAGE}?id=${ticket.id}` });
    } catch (error) {
      dispatch({ type: 'problem', message: errorText(error, '没有提交成功，请稍后重试') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page proxy">
      <View className="card proxy-section">
        <View className="card-title">渠道</View>
        <ChoiceChips
          className="proxy-channels"
          itemClassName="proxy-channel"
          items={channels}
          keyOf={(c) => c}
          labelOf={(c) => TICKET_SOURCE_LABELS[c]}
          isSelected={(c) => c === channel}
          onChoose={(c) => {
            setChannel(c);
            dispatch({ type: 'problem', message: '' });
          }}
        />
        {withCaller ? (
          <>
            <View className="field">
              <View className="field-label">反映人姓名</View>
              <Input className="input proxy-caller-name" value={callerName} maxlength={32} placeholder="例如：王先生" onInput={(e) => setCallerName(e.detail.value)} />
            </View>
            <View className="field">
              <View className="field-label">反映人电话（加密保存，只有处理人员可以查看完整号码）</View>
              <Input className="input proxy-caller-phone" type="text" value={callerPhone} maxlength={20} placeholder="手机号，或带区号的座机号" onInput={(e) => setCallerPhone(e.detail.value)} />
            </View>
          </>
        ) : (
          <View className="muted proxy-no-caller">检查发现的问题没有反映人，办结后由社区回访确认。</View>
        )}
      </View>

      <WhatSection communities={[{ id: communityId, name: estateName }]} communityId={communityId} draft={draft} dispatch={dispatch} />

      <View className="card proxy-section">
        <View className="field">
          <View className="field-label">问题描述</View>
          <TextBox className="proxy-description" value={draft.description} max={1000} placeholder="反映人说的问题，例如：3栋楼道灯不亮" onChange={(description) => dispatch({ type: 'description', description })} />
        </View>
        <View className="field">
          <View className="field-label">位置</View>
          <Input className="input proxy-place" value={draft.place} maxlength={PLACE_MAX} placeholder="例如：3栋1单元楼道" onInput={(e) => dispatch({ type: 'placeTyped', place: e.detail.value })} />
        </View>
      </View>

      {draft.formError ? <View className="form-error proxy-error">{draft.formError}</View> : null}
      <Button className="button button-primary button-block proxy-submit" disabled={busy || undefined} onClick={() => void submit()}>
        {busy ? '正在提交…' : `提交${TICKET_SOURCE_LABELS[channel]}代报`}
      </Button>
    </View>
  );
}
