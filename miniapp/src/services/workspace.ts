import Taro from '@tarojs/taro';
import { ROLE_LABELS, type MeView, type Role, type RoleScope } from '@wuye/contracts';
import { ANNOUNCEMENTS_PAGE, BINDINGS_REVIEW_PAGE, DISCLOSURES_PAGE, ESTATE_STANDING_PAGE, INSPECTION_SUMMARY_PAGE, INSPECTIONS_PAGE, MEETING_SUMMARY_PAGE, MEETINGS_PAGE, OVERSIGHT_PAGE, PATROLS_PAGE, REVIEW_PAGE, SURVEYS_PAGE, TICKETS_PAGE, VOTES_PAGE, WORK_PAGE } from '../routes';

/**
 * 身份 (which of the user's roles they are acting in) and the workspaces it opens. The chosen role is kept in
 * storage per user; it decides which entry 我的 and 首页 show first.
 */
const ACTIVE_ROLE_KEY = 'wuye.activeRole';

/** Stable identity of a role in its scope, e.g. "manager:c1". */
export function roleKey(role: RoleScope): string {
  const scope = role.communityId ? `c${role.communityId}` : role.companyId ? `o${role.companyId}` : role.areaId ? `a${role.areaId}` : 'all';
  return `${role.role}:${scope}`;
}

/** "项目经理 · 锦绣花园", "物业员工（维修工） · 锦绣花园". */
export function roleLabel(role: RoleScope): string {
  const name = role.title ? `${ROLE_LABELS[role.role]}（${role.title}）` : ROLE_LABELS[role.role];
  return role.scopeName ? `${name} · ${role.scopeName}` : name;
}

/** Without a choice: work roles before residence, the most hands-on first. */
const DEFAULT_ORDER: Role[] = [
  'manager',
  'staff',
  'company_admin',
  'committee_chair',
  'committee',
  'community_office',
  'regulator',
  'platform_admin',
  'resident',
];

interface StoredChoice {
  userId: number;
  key: string;
}

export function getActiveRole(me: Pick<MeView, 'id' | 'roles'>): RoleScope | null {
  if (me.roles.length === 0) return null;
  const stored = Taro.getStorageSync(ACTIVE_ROLE_KEY) as StoredChoice | '';
  if (stored && stored.userId === me.id) {
    const chosen = me.roles.find((role) => roleKey(role) === stored.key);
    if (chosen) return chosen;
  }
  return [...me.roles].sort((a, b) => DEFAULT_ORDER.indexOf(a.role) - DEFAULT_ORDER.indexOf(b.role))[0];
}

export function setActiveRole(me: Pick<MeView, 'id'>, role: RoleScope): void {
  const choice: StoredChoice = { userId: me.id, key: roleKey(role) };
  Taro.setStorageSync(ACTIVE_ROLE_KEY, choice);
}

export type WorkspaceKey = 'work' | 'bindings' | 'review' | 'oversight' | 'tickets' | 'disclosures' | 'standing' | 'inspections' | 'inspected' | 'patrols' | 'meetings' | 'meetingSummary' | 'votes' | 'announcements' | 'surveys';

export interface WorkspaceEntry {
  key: WorkspaceKey;
  title: string;
  description: string;
  url: string;
}

export const WORKSPACES: Record<WorkspaceKey, Omit<WorkspaceEntry, 'key'>> = {
  work: { title: '物业工作台', description: '物业人员的日常工作入口', url: WORK_PAGE },
  bindings: { title: '绑定审核', description: '审核居民的房屋绑定申请', url: BINDINGS_REVIEW_PAGE },
  review: { title: '业委会', description: '审核账目、签发公示', url: REVIEW_PAGE },
  oversight: { title: '监管', description: '督办工单、星级评定、信用记录', url: OVERSIGHT_PAGE },
  tickets: { title: '报事报修', description: '随手拍，报修、投诉和建议', url: TICKETS_PAGE },
  disclosures: { title: '小区公示', description: '收费、公共收益和维保支出', url: DISCLOSURES_PAGE },
  standing: { title: '星级与信用', description: '本小区的星级评定和物业企业信用', url: ESTATE_STANDING_PAGE },
  inspections: { title: '检查与整改', description: '检查记录、整改单和督办', url: INSPECTIONS_PAGE },
  inspected: { title: '小区检查', description: '监管部门对本小区的检查结果', url: INSPECTION_SUMMARY_PAGE },
  patrols: { title: '隐患排查', description: '今日巡检、巡检点和隐患台账', url: PATROLS_PAGE },
  meetings: { title: '联席会议', description: '四方联席会、议定事项的落实和核验', url: MEETINGS_PAGE },
  meetingSummary: { title: '小区联席会', description: '联席会议定的事项和落实情况', url: MEETING_SUMMARY_PAGE },
  votes: { title: '业主表决', description: '业主共同决定：投票、纸质票和表决结果', url: VOTES_PAGE },
  announcements: { title: '小区公告', description: '发布公告，查看阅读人数', url: ANNOUNCEMENTS_PAGE },
  surveys: { title: '满意度测评', description: '年度物业服务满意度测评：作答和各小区结果', url: SURVEYS_PAGE },
};

const ROLE_WORKSPACES: Record<Role, WorkspaceKey[]> = {
  resident: ['tickets', 'disclosures', 'votes', 'surveys', 'standing', 'inspected', 'meetingSummary'],
  staff: ['work', 'patrols'],
  manager: ['work', 'bindings', 'announcements', 'inspections', 'patrols', 'meetings'],
  company_admin: ['work', 'inspections', 'meetings'],
  committee: ['review', 'bindings', 'announcements', 'votes', 'meetings'],
  committee_chair: ['review', 'bindings', 'announcements', 'votes', 'meetings'],
  community_office: ['oversight', 'votes', 'bindings', 'inspections', 'patrols', 'meetings', 'surveys'],
  regulator: ['oversight', 'inspections', 'meetings', 'surveys'],
  platform_admin: ['oversight', 'inspections', 'meetings', 'surveys'],
};

/** The user's workspaces: those of the active role first, then those of the other roles, each once. */
export function workspaceEntries(me: Pick<MeView, 'id' | 'roles'>): WorkspaceEntry[] {
  const active = getActiveRole(me);
  const roles = active ? [active, ...me.roles.filter((role) => role !== active)] : me.roles;
  const keys = [...new Set(roles.flatMap((role) => ROLE_WORKSPACES[role.role]))];
  return keys.map((key) => ({ key, ...WORKSPACES[key] }));
}

/** Roles that decide house bindings in their estate (the API's bindings.review policy, per estate). */
export const REVIEWER_ROLES: readonly Role[] = ['manager', 'committee', 'committee_chair'];

/** Roles that decide an owner request for a house that already has an owner, in their area (bindings.arbitrate). */
export const ARBITER_ROLES: readonly Role[] = ['community_office'];

/** The estates in which the user reviews bindings, each once, in the order of their roles. */
export function reviewCommunities(me: Pick<MeView, 'roles'>): { id: number; name: string }[] {
  const seen = new Map<number, string>();
  for (const role of me.roles) {
    if (REVIEWER_ROLES.includes(role.role) && role.communityId && !seen.has(role.communityId)) {
      seen.set(role.communityId, role.scopeName ?? `小区 ${role.communityId}`);
    }
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}
