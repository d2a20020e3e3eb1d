import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Role, RoleScope } from '@wuye/contracts';
import SessionNotice from '../../../../components/SessionNotice';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useSession } from '../../../../hooks/useSession';
import { BINDINGS_REVIEW_PAGE, DISCLOSURE_MANAGE_PAGE, HANDLING_LIST_PAGE, HANDLING_STATS_PAGE, STAFF_INVITE_PAGE, WORK_PAGE } from '../../../../routes';
import { REVIEWER_ROLES, getActiveRole, roleLabel } from '../../../../services/workspace';
import './index.scss';

/** Roles this workbench serves, most hands-on first: the one shown when the current role is not among them. */
const WORK_ROLES: readonly Role[] = ['manager', 'staff', 'company_admin', 'committee_chair', 'committee'];

interface WorkAction {
  key: string;
  title: string;
  description: string;
  url: string;
}

/** What a role can do here: ticket handling (受理、转办、反馈), statistics, binding review, invitations. */
function actionsOf(role: RoleScope): WorkAction[] {
  const actions: WorkAction[] = [];
  if (role.role === 'manager' && role.communityId) {
    actions.push({ key: 'inbox', title: '工单收件箱', description: `受理、转办${role.scopeName ?? '本小区'}居民的报事报修`, url: `${HANDLING_LIST_PAGE}?view=inbox` });
  }
  if ((role.role === 'staff' || role.role === 'manager') && role.communityId) {
    actions.push({ key: 'assigned', title: '我的派单', description: '转办给我的工单：开始办理、反馈结果', url: `${HANDLING_LIST_PAGE}?view=assigned` });
  }
  if (role.role === 'manager' && role.communityId) {
    actions.push({
      key: 'stats',
      title: '工单统计',
      description: '各状态数量、按时受理和办结率、满意率',
      url: `${HANDLING_STATS_PAGE}?communityId=${role.communityId}`,
    });
  }
  if (REVIEWER_ROLES.includes(role.role) && role.communityId) {
    actions.push({
      key: 'bindings',
      title: '绑定审核',
      description: `审核${role.scopeName ?? '本小区'}居民的房屋绑定申请`,
      url: `${BINDINGS_REVIEW_PAGE}?communityId=${role.communityId}`,
    });
  }
  if (role.role === 'manager' && role.communityId) {
    actions.push({
      key: 'disclosures',
      title: '公示管理',
      description: '起草收费、公共收益、公摊和维保公示，回复业委会和业主的质询',
      url: `${DISCLOSURE_MANAGE_PAGE}?communityId=${role.communityId}`,
    });
  }
  if (role.role === 'company_admin') {
    actions.push({ key: 'invite', title: '邀请员工', description: '为本企业服务的小区生成员工或项目经理邀请码', url: STAFF_INVITE_PAGE });
  }
  return actions;
}

/** 物业工作台: what the current role can do, as a list of entries. */
export default function WorkHome() {
  const gate = useSession({ returnTo: WORK_PAGE });
  const { phase, me, errorMessage, reload } = useMe(gate.phase);

  if (gate.phase !== 'signed-in') {
    return (
      <View className="page work">
        <SessionNotice gate={gate} purpose="登录后才能使用工作台。" />
      </View>
    );
  }
  if (phase === 'error') {
    return (
      <View className="page work">
        <StatusNotice className="work-error" title="没能加载您的身份" text={errorMessage} actionText="重试" onAction={() => void reload()} />
      </View>
    );
  }
  if (phase !== 'ready' || !me) {
    return (
      <View className="page work">
        <StatusNotice className="work-loading" title="正在加载…" />
      </View>
    );
  }

  const active = getActiveRole(me);
  const role =
    active && WORK_ROLES.includes(active.role)
      ? active
      : ([...me.roles].filter((r) => WORK_ROLES.includes(r.role)).sort((a, b) => WORK_ROLES.indexOf(a.role) - WORK_ROLES.indexOf(b.role))[0] ?? null);

  if (!role) {
    return (
      <View className="page work">
        <StatusNotice className="work-no-role" title="您还没有工作身份" text="物业员工、项目经理和业委会委员请在“我的”中输入收到的邀请码。" />
      </View>
    );
  }

  const actions = actionsOf(role);
  return (
    <View className="page work">
      <View className="card work-role">
        <View className="muted">当前身份</View>
        <View className="work-role-name wrap-text">{roleLabel(role)}</View>
        {me.roles.length > 1 ? <View className="muted">有多个身份时，可在“我的”中切换。</View> : null}
      </View>
      {actions.length > 0 ? (
        <View className="card work-actions">
          {actions.map((action) => (
            <View key={action.key} className={`link-row work-action work-action-${action.key}`} onClick={() => void Taro.navigateTo({ url: action.url })}>
              <View className="link-main">
                <View className="link-title">{action.title}</View>
                <View className="muted">{action.description}</View>
              </View>
              <Text className="link-arrow">›</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
