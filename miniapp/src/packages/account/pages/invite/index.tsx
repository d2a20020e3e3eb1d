import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, View } from '@tarojs/components';
import { ROLE_LABELS, shanghaiDate, type InvitationPreview, type RoleAssignmentView } from '@wuye/contracts';
import SessionNotice from '../../../../components/SessionNotice';
import { useSession } from '../../../../hooks/useSession';
import { INVITE_PAGE, ME_PAGE } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { acceptInvitation, checkInvitation } from '../../../../services/roles';
import { roleLabel } from '../../../../services/workspace';
import './index.scss';

/** The API accepts 6–16 letters and digits; codes are issued as 8 capitals without 0/O, 1/I/L. */
const CODE_PATTERN = /^[A-Z0-9]{6,16}$/;

/**
 * 输入邀请码: staff, managers and committee members receive their role with a code from whoever invited them. The code
 * is checked first: what it offers, and whether the user may take it (the API's reason when not, e.g. 职责分离),
 * before anything is accepted.
 */
export default function AcceptInvitation() {
  const gate = useSession({ returnTo: INVITE_PAGE });
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [preview, setPreview] = useState<{ code: string; offer: InvitationPreview } | null>(null);
  const [granted, setGranted] = useState<RoleAssignmentView | null>(null);
  const normalised = code.replace(/\s+/g, '').toUpperCase();
  const offer = preview?.code === normalised ? preview.offer : null;

  const run = async (step: () => Promise<void>) => {
    setSubmitting(true);
    setError('');
    try {
      await step();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setSubmitting(false);
    }
  };

  const check = () => {
    if (!CODE_PATTERN.test(normalised)) {
      setError('邀请码是 8 位字母和数字，请核对后重新输入');
      return;
    }
    void run(async () => setPreview({ code: normalised, offer: await checkInvitation(normalised) }));
  };

  const accept = () => void run(async () => setGranted(await acceptInvitation(normalised)));

  if (gate.phase !== 'signed-in') {
    return (
      <View className="page invite">
        <SessionNotice gate={gate} purpose="登录后才能使用邀请码。" />
      </View>
    );
  }

  if (granted) {
    const role = { role: granted.role, scopeName: granted.scopeName, ...(granted.title ? { title: granted.title } : {}) };
    return (
      <View className="page invite">
        <View className="card invite-result">
          <View className="card-title">邀请码已生效</View>
          <View className="muted">您获得了新的身份：</View>
          <View className="invite-result-role wrap-text">{roleLabel(role)}</View>
          {!granted.effective ? (
            <View className="form-error">该物业企业目前不服务这个小区，{ROLE_LABELS[granted.role]}身份暂不生效。</View>
          ) : null}
          <View className="muted">可以在“我的”中切换到这个身份，打开对应的工作台。</View>
          <Button className="button button-primary button-block invite-done" onClick={() => void Taro.switchTab({ url: ME_PAGE })}>
            返回我的
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className="page invite">
      <View className="card">
        <View className="field">
          <View className="field-label">邀请码</View>
          <Input
            className="input invite-code-input"
            value={code}
            maxlength={16}
            placeholder="8 位字母和数字"
            confirmType="done"
            onInput={(event) => {
              setCode(event.detail.value.toUpperCase());
              setError('');
            }}
            onConfirm={check}
          />
          <View className="field-hint">物业企业或社区发给您的邀请码，7 天内有效，只能使用一次。</View>
        </View>
        {error ? <View className="form-error invite-error">{error}</View> : null}
        {offer ? null : (
          <Button className="button button-primary button-block invite-check" disabled={submitting || code.trim() === '' || undefined} onClick={check}>
            {submitting ? '正在查询…' : '查看邀请'}
          </Button>
        )}
      </View>
      {offer ? (
        <View className="card invite-preview">
          <View className="muted">这个邀请码给您的身份：</View>
          <View className="invite-preview-role wrap-text">{roleLabel({ role: offer.role, scopeName: offer.scopeName, ...(offer.title ? { title: offer.title } : {}) })}</View>
          <View className="muted">有效期至 {shanghaiDate(offer.expiresAt)}</View>
          {offer.blocked.accept ? <View className="form-error invite-blocked wrap-text">{offer.blocked.accept}</View> : null}
          <Button className="button button-primary button-block invite-accept" disabled={submitting || !offer.can.accept || undefined} onClick={accept}>
            {submitting ? '正在提交…' : '接受邀请'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
