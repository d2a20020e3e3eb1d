import { useCallback } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { MeView, Role, RoleScope, Workload } from '@wuye/contracts';
import meNotice from '../../../../components/MeNotice';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useRemote } from '../../../../hooks/useRemote';
import { useShownAgain } from '../../../../hooks/useShownAgain';
import { useSession } from '../../../../hooks/useSession';
import { getWorkload } from '../../../../services/handling';
import {
  BINDINGS_REVIEW_PAGE,
  CATEGORIES_PAGE,
  DISCLOSURE_MANAGE_PAGE,
  DUTY_CONFLICTS_PAGE,
  HANDLING_LIST_PAGE,
  HANDLING_STATS_PAGE,
  PROXY_REPORT_PAGE,
  RETURN_VISITS_PAGE,
  STAFF_INVITE_PAGE,
  WORK_PAGE,
} from '../../../../routes';
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

interface Badge {
  text: string;
  tone: 'pending' | 'rejected';
}

/** The counts that wait behind an entry (none while they load, or when they could not be had). */
function badgesOf(key: string, workload: Workload | null): Badge[] {
  if (!workload) return [];
  const counts: Record<string, [number | null, string, Badge['tone']][]> = {
    inbox: [
      [workload.unaccepted, '待受理', 'pending'],
      [workload.overdue, '超时', 'rejected'],
    ],
    assigned: [[workload.assignedToMe, '待办', 'pending']],
    bindings: [[workload.pendingBindings, '待审核', 'pending']],
  };
  return (counts[key] ?? []).filter(([n]) => n !== null && n > 0).map(([n, label, tone]) => ({ text: `${n} ${label}`, tone }));
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
  if ((role.role === 'staff' || role.role === 'manager') && role.communityId) {
    actions.push({
      key: 'proxy',
      title: '代报',
      description: '替12345、信访、来访、电话、物业投诉直通车的反映人登记工单',
      url: `${PROXY_REPORT_PAGE}?communityId=${role.communityId}&name=${encodeURIComponent(role.scopeName ?? '')}`,
    });
  }
  if (role.role === 'manager' && role.communityId) {
    actions.push({ key: 'visits', title: '回访', description: '办结后回访反映人：满意、不满意（重新办理）、无法联系', url: RETURN_VISITS_PAGE });
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
  if (role.role === 'manager' && role.communityId) {
    actions.push({
      key: 'categories',
      title: '分类与时限',
      description: '报事分类的受理和办结时限（不宽于县里的标准）',
      url: `${CATEGORIES_PAGE}?communityId=${role.communityId}`,
    });
  }
  if (role.role === 'company_admin') {
    actions.push({ key: 'invite', title: '邀请员工', description: '为本企业服务的小区生成员工或项目经理邀请码', url: STAFF_INVITE_PAGE });
    actions.push({ key: 'conflicts', title: '职责冲突', description: '同时在业委会任职的本企业员工：同一小区不能兼任', url: DUTY_CONFLICTS_PAGE });
  }
  return actions;
}

/** The role this workbench serves: the current one if it works here, else the most hands-on one held. */
function workRole(me: MeView): RoleScope | null {
  const active = getActiveRole(me);
  if (active && WORK_ROLES.includes(active.role)) return active;
  return [...me.roles].filter((r) => WORK_ROLES.includes(r.role)).sort((a, b) => WORK_ROLES.indexOf(a.role) - WORK_ROLES.indexOf(b.role))[0] ?? null;
}

/** The counts behind the entries of the role's estate, fetched again each time the workbench is shown again. */
function useWorkload(communityId: number | null): Workload | null {
  // Badges are a convenience: without them (offline, refused) the entries still work, and nothing is said.
  const load = useCallback(() => getWorkload(communityId as number).catch(() => null), [communityId]);
  const remote = useRemote(load, { enabled: communityId !== null });
  useShownAgain(() => {
    if (communityId !== null) void remote.reload(true);
  });
  return communityId === null ? null : remote.data;
}

/** 物业工作台: what the current role can do, as a list of entries, with what waits behind them. */
export default function WorkHome() {
  const gate = useSession({ returnTo: WORK_PAGE });
  const meState = useMe(gate.phase);
  const { me } = meState;
  const workload = useWorkload(gate.phase === 'signed-in' && me ? (workRole(me)?.communityId ?? null) : null);

  const waiting = meNotice('work', gate, meState, '登录后才能使用工作台。');
  if (waiting || !me) return waiting;

  const role = workRole(me);

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
                <View className="link-title">
                  {action.title}
                  {badgesOf(action.key, workload).map((badge) => (
                    <Text key={badge.text} className={`badge badge-${badge.tone} work-badge`}>
                      {badge.text}
                    </Text>
                  ))}
                </View>
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
