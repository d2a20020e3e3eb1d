import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import {
  BINDING_RELATION_LABELS,
  BINDING_STATE_LABELS,
  shanghaiDate,
  type BindingView,
  type MeView,
  type MyHouse,
  type RoleScope,
} from '@wuye/contracts';
import SessionNotice from '../../components/SessionNotice';
import StatusNotice from '../../components/StatusNotice';
import PrivacyDialog from '../../components/PrivacyDialog';
import WorkspaceEntries from '../../components/WorkspaceEntries';
import { useMe } from '../../hooks/useMe';
import { useSession } from '../../hooks/useSession';
import { BIND_PAGE, INVITE_PAGE } from '../../routes';
import { currentPlatform, signOut } from '../../services/auth';
import { removeBinding } from '../../services/bindings';
import { errorText, showError } from '../../services/errors';
import { bindPhone, renameMe } from '../../services/me';
import { getActiveRole, roleKey, roleLabel, setActiveRole, workspaceEntries } from '../../services/workspace';
import './index.scss';

/** The name the API gives a new WeChat account: reviewers cannot tell who asked for a house by it. */
const DEFAULT_WECHAT_NAME = '微信用户';
const NAME_MAX = 32;

function NameRow({ me, onRenamed }: { me: MeView; onRenamed: (me: MeView) => void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(me.displayName);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');

  const save = async () => {
    const trimmed = name.trim();
    if (!trimmed) {
      setError('请填写称呼');
      return;
    }
    setSaving(true);
    setError('');
    try {
      onRenamed(await renameMe(trimmed));
      setEditing(false);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setSaving(false);
    }
  };

  if (!editing) {
    return (
      <View className="me-profile">
        <Text className="me-name wrap-text">{me.displayName}</Text>
        <Button
          className="button button-small me-rename"
          onClick={() => {
            setName(me.displayName === DEFAULT_WECHAT_NAME ? '' : me.displayName);
            setEditing(true);
          }}
        >
          修改称呼
        </Button>
        {me.displayName === DEFAULT_WECHAT_NAME ? (
          <View className="muted me-name-hint">请填写您的称呼（如“3栋 王阿姨”），物业审核绑定时会看到。</View>
        ) : null}
      </View>
    );
  }
  return (
    <View className="me-rename-form">
      <Input
        className="input me-name-input"
        value={name}
        maxlength={NAME_MAX}
        placeholder="您的称呼"
        onInput={(event) => {
          setName(event.detail.value.slice(0, NAME_MAX));
          setError('');
        }}
        onConfirm={() => void save()}
      />
      {error ? <View className="form-error me-rename-error">{error}</View> : null}
      <View className="button-row">
        <Button className="button button-primary me-rename-save" disabled={saving || undefined} onClick={() => void save()}>
          保存
        </Button>
        <Button className="button me-rename-cancel" disabled={saving || undefined} onClick={() => setEditing(false)}>
          取消
        </Button>
      </View>
    </View>
  );
}

/** WeChat bills every getPhoneNumber answer: the button is offered once per user on this phone. */
const phoneAskedKey = (userId: number) => `wuye.phoneAsked.${userId}`;

function PhoneRow({ me, onBound }: { me: MeView; onBound: (me: MeView) => void }) {
  const [asked, setAsked] = useState(() => Taro.getStorageSync(phoneAskedKey(me.id)) === true);
  const offer = currentPlatform() === 'weapp' && me.wechat && !me.phone && !asked;

  const onGetPhoneNumber = async (detail: { errMsg: string; code?: string }) => {
    Taro.setStorageSync(phoneAskedKey(me.id), true);
    setAsked(true);
    if (!detail.code) {
      void Taro.showToast({ title: '未获取手机号，可以稍后在物业处登记', icon: 'none', duration: 3000 });
      return;
    }
    try {
      onBound(await bindPhone(detail.code));
      void Taro.showToast({ title: '手机号已绑定', icon: 'success' });
    } catch (error) {
      showError(error);
    }
  };

  return (
    <View className="me-phone-row">
      <Text className="me-phone muted">{me.phone ? `手机号 ${me.phone}` : '未绑定手机号'}</Text>
      {offer ? (
        <Button className="button button-small me-phone-button" openType="getPhoneNumber" onGetPhoneNumber={(event) => void onGetPhoneNumber(event.detail)}>
          使用微信手机号
        </Button>
      ) : null}
      {offer ? <View className="me-phone-hint muted">手机号仅供物业联系您，不会展示给其他居民。</View> : null}
    </View>
  );
}

function RoleList({ me, active, onChoose }: { me: MeView; active: RoleScope | null; onChoose: (role: RoleScope) => void }) {
  if (me.roles.length === 0) return null;
  const switchable = me.roles.length > 1;
  return (
    <View className="card me-roles">
      <View className="card-title">我的身份</View>
      {switchable ? <View className="muted role-hint">点选一个身份作为当前身份，常用入口随之调整。</View> : null}
      {me.roles.map((role) => {
        const current = active !== null && roleKey(role) === roleKey(active);
        return (
          <View
            key={roleKey(role)}
            className={`role-row${switchable && !current ? ' role-choice' : ''}${current ? ' role-current' : ''}`}
            onClick={switchable && !current ? () => onChoose(role) : undefined}
          >
            <Text className="role-name wrap-text">{roleLabel(role)}</Text>
            {switchable && current ? <Text className="badge badge-current">当前身份</Text> : null}
            {switchable && !current ? <Text className="muted">切换</Text> : null}
          </View>
        );
      })}
    </View>
  );
}

function HouseholdList({ house, onRemove }: { house: MyHouse; onRemove: (member: BindingView) => void }) {
  if (!house.household) return null;
  return (
    <View className="household">
      <View className="household-title">家庭成员和租户</View>
      {house.household.length === 0 ? <View className="muted household-empty">暂无其他成员</View> : null}
      {house.household.map((member) => (
        <View key={member.id} className="household-member">
          <Text className="household-name wrap-text">
            {member.applicant?.displayName ?? '成员'} · {BINDING_RELATION_LABELS[member.relation]} · {BINDING_STATE_LABELS[member.state]}
          </Text>
          <Button className="button button-small button-danger household-remove" onClick={() => onRemove(member)}>
            移除
          </Button>
        </View>
      ))}
    </View>
  );
}

/** What ends each state of one's own house: withdraw a request, end a binding, clear a rejected request. */
const LEAVE_TEXT: Record<Exclude<MyHouse['state'], 'removed'>, string> = { pending: '撤回申请', approved: '解除绑定', rejected: '删除记录' };

function HouseCard({ house, onLeave, onRemoveMember }: { house: MyHouse; onLeave: () => void; onRemoveMember: (member: BindingView) => void }) {
  return (
    <View className={`card house-card house-${house.state}`}>
      <View className="house-head">
        <Text className="house-name wrap-text">
          {house.communityName} {house.houseLabel}
        </Text>
        <Text className={`badge badge-${house.state} house-state`}>{BINDING_STATE_LABELS[house.state]}</Text>
      </View>
      <View className="muted">
        {BINDING_RELATION_LABELS[house.relation]} · 申请于 {shanghaiDate(house.createdAt)}
      </View>
      {house.state === 'pending' ? <View className="muted">物业或业委会审核通过后即可使用。</View> : null}
      {house.state === 'rejected' ? <View className="house-reason wrap-text">未通过：{house.reason ?? '审核未通过'}</View> : null}
      <HouseholdList house={house} onRemove={onRemoveMember} />
      {house.state !== 'removed' ? (
        <View className="button-row">
          <Button className="button button-small button-danger house-leave" onClick={onLeave}>
            {LEAVE_TEXT[house.state]}
          </Button>
        </View>
      ) : null}
    </View>
  );
}

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  const answer = await Taro.showModal({ title, content, confirmText, confirmColor: '#b3261e', cancelText: '取消' });
  return answer.confirm;
}

/** 我的: who I am, my roles and workspaces, my houses (owners: their household), binding and invitation codes. */
export default function Me() {
  const gate = useSession();
  const { phase, me, errorMessage, reload, replace } = useMe(gate.phase);
  // Bumped when the user switches role: the choice lives in storage, this only re-renders.
  const [, setRoleVersion] = useState(0);
  const [busy, setBusy] = useState(false);

  usePullDownRefresh(() => {
    const done = gate.phase === 'signed-in' ? reload(true) : Promise.resolve();
    void done.finally(() => Taro.stopPullDownRefresh());
  });

  const end = async (binding: BindingView, question: { title: string; content: string; confirmText: string }, doneText: string) => {
    if (busy || !(await confirm(question.title, question.content, question.confirmText))) return;
    setBusy(true);
    try {
      await removeBinding(binding.id);
      void Taro.showToast({ title: doneText, icon: 'success' });
      await reload(true);
    } catch (error) {
      showError(error);
      await reload(true);
    } finally {
      setBusy(false);
    }
  };

  const removeMember = (house: MyHouse, member: BindingView) =>
    end(
      member,
      {
        title: '移除成员',
        content: `确定将 ${member.applicant?.displayName ?? '该成员'}（${BINDING_RELATION_LABELS[member.relation]}）从 ${house.houseLabel} 移除吗？移除后对方不能再以本房屋的身份报修和查看公示。`,
        confirmText: '移除',
      },
      '已移除',
    );

  const leaveHouse = (house: MyHouse) => {
    if (house.state === 'removed') return;
    const where = `${house.communityName} ${house.houseLabel}`;
    const question = {
      pending: { title: '撤回申请', content: `确定撤回 ${where} 的绑定申请吗？`, confirmText: '撤回' },
      approved: { title: '解除绑定', content: `确定解除与 ${where} 的绑定吗？解除后需要重新申请。`, confirmText: '解除' },
      rejected: { title: '删除记录', content: `确定删除 ${where} 这条未通过的申请吗？需要时可以重新申请绑定。`, confirmText: '删除' },
    }[house.state];
    return end(house, question, { pending: '已撤回', approved: '已解除', rejected: '已删除' }[house.state]);
  };

  const chooseRole = (role: RoleScope) => {
    if (!me) return;
    setActiveRole(me, role);
    setRoleVersion((v) => v + 1);
    void Taro.showToast({ title: `已切换为${roleLabel(role)}`, icon: 'none' });
  };

  if (gate.phase !== 'signed-in') {
    return (
      <View className="page me">
        <SessionNotice gate={gate} purpose="登录后可以绑定房屋、报修和查看小区公示。" />
      </View>
    );
  }

  return (
    <View className="page me">
      {phase === 'loading' || phase === 'idle' ? <StatusNotice className="me-loading" title="正在加载…" /> : null}
      {phase === 'error' ? (
        <StatusNotice className="me-error" title="没能加载您的信息" text={errorMessage} actionText="重试" onAction={() => void reload()} />
      ) : null}
      {phase === 'ready' && me ? (
        <View className="me-content">
          <View className="card me-card">
            <NameRow key={`${me.id}:${me.displayName}`} me={me} onRenamed={replace} />
            <PhoneRow key={me.id} me={me} onBound={replace} />
          </View>

          <RoleList me={me} active={getActiveRole(me)} onChoose={chooseRole} />
          <WorkspaceEntries className="me-workspaces" entries={workspaceEntries(me)} />

          <View className="section-title">我的房屋</View>
          {me.houses.length === 0 ? (
            <View className="card muted me-no-house">还没有绑定房屋。绑定并通过审核后，可以报修、查看小区公示。</View>
          ) : null}
          {me.houses.map((house) => (
            <HouseCard
              key={house.id}
              house={house}
              onLeave={() => void leaveHouse(house)}
              onRemoveMember={(member) => void removeMember(house, member)}
            />
          ))}

          <View className="me-actions">
            <Button className="button button-primary button-block me-bind" onClick={() => void Taro.navigateTo({ url: BIND_PAGE })}>
              申请绑定房屋
            </Button>
            <Button className="button button-block me-invite" onClick={() => void Taro.navigateTo({ url: INVITE_PAGE })}>
              输入邀请码
            </Button>
            <Button className="button button-block button-danger me-sign-out" onClick={() => void signOut()}>
              退出登录
            </Button>
          </View>
        </View>
      ) : null}
      <PrivacyDialog />
    </View>
  );
}
