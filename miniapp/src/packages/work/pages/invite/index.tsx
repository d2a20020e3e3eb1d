import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, View } from '@tarojs/components';
import { ROLE_LABELS, shanghaiDate, type InvitationView } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import SessionNotice from '../../../../components/SessionNotice';
import StatusNotice from '../../../../components/StatusNotice';
import PrivacyDialog from '../../../../components/PrivacyDialog';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useSession } from '../../../../hooks/useSession';
import { STAFF_INVITE_PAGE } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { createInvitation, listScopedCommunities } from '../../../../services/roles';
import { roleLabel } from '../../../../services/workspace';
import './index.scss';

type InvitedRole = 'staff' | 'manager';
const INVITED_ROLES: InvitedRole[] = ['staff', 'manager'];
const TITLES = ['维修工', '保洁', '秩序', '客服'];
const TITLE_MAX = 32;

/** 邀请员工: a company admin creates a one-time code for staff or a manager of an estate the company serves. */
export default function StaffInvitation() {
  const gate = useSession({ returnTo: STAFF_INVITE_PAGE });
  const [chosenId, setCommunityId] = useState<number | null>(null);
  const [role, setRole] = useState<InvitedRole>('staff');
  const [title, setTitle] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState('');
  const [invitation, setInvitation] = useState<InvitationView | null>(null);
  const signedIn = gate.phase === 'signed-in';

  const list = usePagedList(signedIn ? listScopedCommunities : null, { reloadOn: signedIn });
  const { phase, nextCursor } = list;
  // Only estates under a contract with a company: staff and managers are invited through it.
  const estates = list.items.filter((estate) => estate.company !== null);
  // The only estate there is needs no choosing.
  const communityId = chosenId ?? (estates.length === 1 && nextCursor === null ? estates[0].id : null);

  const submit = async () => {
    if (communityId === null || submitting) return;
    setSubmitting(true);
    setFormError('');
    try {
      // A job title only for staff (维修工, 保洁…); managers are 项目经理 already.
      const trimmed = role === 'staff' ? title.trim() : '';
      setInvitation(await createInvitation({ role, communityId, ...(trimmed ? { title: trimmed } : {}) }));
    } catch (error) {
      setFormError(errorText(error));
    } finally {
      setSubmitting(false);
    }
  };

  const copy = (code: string) => {
    Taro.setClipboardData({ data: code })
      .then(() => Taro.showToast({ title: '邀请码已复制', icon: 'success' }))
      .catch(() => Taro.showToast({ title: '复制失败，请直接念给对方', icon: 'none' }));
  };

  if (!signedIn) {
    return (
      <View className="page staff-invite">
        <SessionNotice gate={gate} purpose="登录后才能邀请员工。" />
      </View>
    );
  }

  if (invitation) {
    return (
      <View className="page staff-invite">
        <View className="card staff-invite-result">
          <View className="card-title">邀请码</View>
          <View className="staff-invite-code">{invitation.code}</View>
          <View className="staff-invite-line wrap-text">
            身份：{roleLabel({ role: invitation.role, scopeName: invitation.scopeName, ...(invitation.title ? { title: invitation.title } : {}) })}
          </View>
          <View className="staff-invite-line">有效期至 {shanghaiDate(invitation.expiresAt)}，只能使用一次。</View>
          <View className="muted staff-invite-line">请对方在物业通“我的 → 输入邀请码”中填写。邀请码只在这里显示一次。</View>
          <View className="button-row">
            <Button className="button button-primary staff-invite-copy" onClick={() => copy(invitation.code)}>
              复制
            </Button>
            <Button
              className="button staff-invite-again"
              onClick={() => {
                setInvitation(null);
                setTitle('');
              }}
            >
              再邀请一位
            </Button>
          </View>
        </View>
        <PrivacyDialog />
      </View>
    );
  }

  if (phase === 'loading' || phase === 'idle') {
    return (
      <View className="page staff-invite">
        <StatusNotice className="staff-invite-loading" title="正在加载…" />
      </View>
    );
  }
  if (phase === 'error') {
    return (
      <View className="page staff-invite">
        <StatusNotice className="staff-invite-error" title="小区列表没能加载" text={list.errorMessage} actionText="重试" onAction={() => void list.reload()} />
      </View>
    );
  }
  if (estates.length === 0) {
    return (
      <View className="page staff-invite">
        <StatusNotice className="staff-invite-none" title="没有可邀请员工的小区" text="只有本企业正在服务（合同有效）的小区才能邀请员工。" />
      </View>
    );
  }

  return (
    <View className="page staff-invite">
      <View className="card">
        <View className="field">
          <View className="field-label">小区</View>
          <ChoiceChips className="staff-invite-estates" itemClassName="staff-invite-estate" items={estates} chosen={communityId} onChoose={(estate) => setCommunityId(estate.id)} />
          {nextCursor ? (
            <Button className="button button-small staff-invite-more" disabled={list.loadingMore || undefined} onClick={() => void list.loadMore()}>
              更多小区
            </Button>
          ) : null}
        </View>
        <View className="field">
          <View className="field-label">身份</View>
          <ChoiceChips className="staff-invite-roles" itemClassName="staff-invite-role" items={INVITED_ROLES} labels={ROLE_LABELS} chosen={role} onChoose={setRole} />
        </View>
        {role === 'staff' ? (
          <View className="field">
            <View className="field-label">岗位（选填）</View>
            <ChoiceChips
              className="staff-invite-titles"
              itemClassName="staff-invite-title"
              items={TITLES}
              labelOf={(item) => item}
              chosen={title}
              onChoose={(item) => setTitle(item === title ? '' : item)}
            />
            <Input
              className="input staff-invite-title-input"
              value={title}
              maxlength={TITLE_MAX}
              placeholder="或输入其他岗位"
              onInput={(event) => setTitle(event.detail.value.slice(0, TITLE_MAX))}
            />
          </View>
        ) : null}
        {formError ? <View className="form-error staff-invite-form-error">{formError}</View> : null}
        <Button className="button button-primary button-block staff-invite-submit" disabled={communityId === null || submitting || undefined} onClick={() => void submit()}>
          {submitting ? '正在生成…' : communityId === null ? '请选择小区' : '生成邀请码'}
        </Button>
      </View>
    </View>
  );
}
