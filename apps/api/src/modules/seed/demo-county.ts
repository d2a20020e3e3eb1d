import { addDays, type Role, type ServiceGrade } from '@wuye/contracts';

/**
 * The demo county (清河县, fictional): the data `npm start` seeds into an empty database. Stable (no randomness)
 * so the README, the browser journeys and a newcomer all see the same estates and accounts.
 */
export const DEMO_COUNTY = { code: 'QHX', name: '清河县' };

export const DEMO_TOWNS = [
  { code: 'QHX-CG', name: '城关镇', offices: [{ code: 'QHX-CG-NM', name: '南门社区' }, { code: 'QHX-CG-BJ', name: '北街社区' }] },
  { code: 'QHX-DH', name: '东湖镇', offices: [{ code: 'QHX-DH-HB', name: '湖滨社区' }, { code: 'QHX-DH-DH', name: '东湖村' }] },
  { code: 'QHX-XS', name: '西山乡', offices: [{ code: 'QHX-XS-XS', name: '西山社区' }, { code: 'QHX-XS-LL', name: '柳林村' }] },
];

export const DEMO_COMPANIES = [
  { key: 'wanjia', name: '清河万家物业服务有限公司', orgCode: 'MA2H1K3L7', phone: '0571-8861 2301', address: '清河县城关镇人民路 18 号' },
  { key: 'anju', name: '东湖安居物业管理有限公司', orgCode: 'MA2J8B5C2', phone: '0571-8863 5512', address: '清河县东湖镇湖滨路 66 号' },
  { key: 'lvcheng', name: '西山绿城物业服务有限公司', orgCode: '70412856X', phone: '0571-8865 0098', address: '清河县西山乡迎宾大道 9 号' },
  { key: 'hengxin', name: '恒信物业服务有限公司', orgCode: 'MA27QW6N4', phone: '0571-8860 7736', address: '清河县城关镇解放街 201 号' },
] as const;
export type DemoCompanyKey = (typeof DEMO_COMPANIES)[number]['key'];

interface DemoCommunity {
  code: string;
  name: string;
  office: string;
  address: string;
  company: DemoCompanyKey;
  grade: ServiceGrade;
  buildings: number;
  floors: number;
  lat: number;
  long: number;
  /** A contract already ended and handed over to `company`. */
  previous?: { company: DemoCompanyKey; startsOn: string; endedOn: string };
}

export const DEMO_COMMUNITIES: DemoCommunity[] = [
  { code: 'JXHY', name: '锦绣花园', office: 'QHX-CG-NM', address: '城关镇南门路 88 号', company: 'wanjia', grade: '二级', buildings: 8, floors: 18, lat: 30.2741, long: 120.1551 },
  { code: 'YGXC', name: '阳光新城', office: 'QHX-CG-NM', address: '城关镇朝阳路 120 号', company: 'wanjia', grade: '三级', buildings: 6, floors: 11, lat: 30.2765, long: 120.1602 },
  { code: 'CHMY', name: '翠湖名苑', office: 'QHX-CG-BJ', address: '城关镇北街 36 号', company: 'wanjia', grade: '一级', buildings: 5, floors: 26, lat: 30.2832, long: 120.1534 },
  { code: 'JSJY', name: '金色家园', office: 'QHX-CG-BJ', address: '城关镇建设路 9 号', company: 'anju', grade: '三级', buildings: 7, floors: 6, lat: 30.2851, long: 120.1497 },
  { code: 'BJYH', name: '滨江壹号', office: 'QHX-DH-HB', address: '东湖镇滨江路 1 号', company: 'anju', grade: '一级', buildings: 4, floors: 32, lat: 30.2513, long: 120.2104 },
  { code: 'DHW', name: '东湖湾', office: 'QHX-DH-HB', address: '东湖镇湖滨路 208 号', company: 'anju', grade: '二级', buildings: 6, floors: 15, lat: 30.2538, long: 120.2149 },
  { code: 'XFL', name: '幸福里', office: 'QHX-DH-DH', address: '东湖村幸福路 5 号', company: 'lvcheng', grade: '四级', buildings: 5, floors: 6, lat: 30.2436, long: 120.2233 },
  { code: 'GHY', name: '桂花苑', office: 'QHX-DH-DH', address: '东湖村桂花街 17 号', company: 'lvcheng', grade: '三级', buildings: 4, floors: 7, lat: 30.2411, long: 120.2278 },
  { code: 'SXMD', name: '书香门第', office: 'QHX-XS-XS', address: '西山乡文昌路 66 号', company: 'lvcheng', grade: '二级', buildings: 6, floors: 12, lat: 30.3102, long: 120.0921 },
  { code: 'XSYJ', name: '西山雅居', office: 'QHX-XS-XS', address: '西山乡迎宾大道 300 号', company: 'hengxin', grade: '三级', buildings: 5, floors: 9, lat: 30.3127, long: 120.0886 },
  {
    code: 'LLXC',
    name: '柳林新村',
    office: 'QHX-XS-LL',
    address: '柳林村柳林路 12 号',
    company: 'lvcheng',
    grade: '四级',
    buildings: 6,
    floors: 6,
    lat: 30.3231,
    long: 120.0764,
    previous: { company: 'hengxin', startsOn: '2021-07-01', endedOn: '2026-06-30' },
  },
  { code: 'HXJY', name: '和谐家园', office: 'QHX-XS-LL', address: '柳林村和谐路 3 号', company: 'hengxin', grade: '四级', buildings: 4, floors: 6, lat: 30.3259, long: 120.0731 },
];

/** The day a company began serving an estate (its contract's start): when its people there took up their roles. */
export function servingSince(communityCode: string, company: DemoCompanyKey): string | null {
  const i = DEMO_COMMUNITIES.findIndex((c) => c.code === communityCode);
  const c = DEMO_COMMUNITIES[i];
  if (!c) return null;
  if (c.previous?.company === company) return c.previous.startsOn;
  if (c.company !== company) return null;
  return c.previous ? addDays(c.previous.endedOn, 1) : `202${i % 4}-01-01`;
}

/**
 * 清河县's floors for ticket deadlines (the county bureau's standard): emergency categories answered within half an
 * hour or an hour, the rest within the day. The demo estates' defaults are within them.
 */
export const DEMO_DEADLINE_FLOORS = [
  { code: 'fire', name: '消防安全', responseMinutes: 30, resolutionMinutes: 24 * 60, emergency: true },
  { code: 'elevator', name: '电梯', responseMinutes: 30, resolutionMinutes: 24 * 60, emergency: true },
  { code: 'safety', name: '安全隐患', responseMinutes: 60, resolutionMinutes: 48 * 60, emergency: true },
  { code: 'facility', name: '设施故障', responseMinutes: 240, resolutionMinutes: 72 * 60, emergency: false },
  { code: 'hygiene', name: '环境卫生', responseMinutes: 240, resolutionMinutes: 48 * 60, emergency: false },
];

/** Typical floor plans (户型), m² with two decimals as on a property certificate. */
export const FLOOR_PLANS_CENTI = [6852, 7936, 8935, 9618, 10523, 11876, 12840, 14395];

/** Monthly fee per m² (分) by service grade, residential. */
export const FEE_BY_GRADE: Record<ServiceGrade, number> = { 一级: 280, 二级: 220, 三级: 160, 四级: 120, 五级: 90 };

export interface DemoAccount {
  key: string;
  displayName: string;
  role: Exclude<Role, 'resident'> | 'resident';
  community?: string;
  company?: DemoCompanyKey;
  area?: string;
  title?: string;
  /** For residents: the house, "building/unit/number", and the tie. */
  house?: { building: string; unit: string; number: string; relation: 'owner' | 'family' | 'tenant' };
  phone?: string;
  note: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { key: 'admin', displayName: '平台管理员', role: 'platform_admin', note: '管理区域、企业、小区、合同' },
  { key: 'regulator.county', displayName: '县住建局 王科长', role: 'regulator', area: 'QHX', note: '全县监管' },
  { key: 'regulator.town', displayName: '城关镇 李主任', role: 'regulator', area: 'QHX-CG', note: '城关镇监管' },
  { key: 'office.nanmen', displayName: '南门社区 赵书记', role: 'community_office', area: 'QHX-CG-NM', note: '督办锦绣花园、阳光新城' },
  { key: 'office.liulin', displayName: '柳林村 孙主任', role: 'community_office', area: 'QHX-XS-LL', note: '督办柳林新村、和谐家园' },
  { key: 'company.wanjia', displayName: '万家物业 周总', role: 'company_admin', company: 'wanjia', note: '万家物业企业管理员' },
  { key: 'company.hengxin', displayName: '恒信物业 吴总', role: 'company_admin', company: 'hengxin', note: '恒信物业：柳林新村已交接给绿城' },
  { key: 'manager.jinxiu', displayName: '锦绣花园 陈经理', role: 'manager', community: 'JXHY', company: 'wanjia', phone: '13800001001', note: '锦绣花园项目经理' },
  { key: 'staff.jinxiu', displayName: '锦绣花园 刘师傅', role: 'staff', community: 'JXHY', company: 'wanjia', title: '维修工', note: '锦绣花园维修工' },
  { key: 'staff.jinxiu.cleaner', displayName: '锦绣花园 黄阿姨', role: 'staff', community: 'JXHY', company: 'wanjia', title: '保洁', note: '锦绣花园保洁' },
  { key: 'manager.yangguang', displayName: '阳光新城 何经理', role: 'manager', community: 'YGXC', company: 'wanjia', note: '阳光新城项目经理' },
  { key: 'manager.liulin', displayName: '柳林新村 邓经理', role: 'manager', community: 'LLXC', company: 'lvcheng', note: '柳林新村项目经理（绿城，交接后）' },
  { key: 'manager.liulin.old', displayName: '柳林新村 郑经理（原）', role: 'manager', community: 'LLXC', company: 'hengxin', note: '原恒信项目经理：合同终止后已无权限' },
  { key: 'committee.jinxiu', displayName: '锦绣花园业委会 马委员', role: 'committee', community: 'JXHY', note: '业委会委员：审核账目' },
  { key: 'chair.jinxiu', displayName: '锦绣花园业委会 林主任', role: 'committee_chair', community: 'JXHY', note: '业委会主任：签发公示' },
  {
    key: 'resident.jinxiu',
    displayName: '张阿姨',
    role: 'resident',
    community: 'JXHY',
    house: { building: '3栋', unit: '1单元', number: '1201', relation: 'owner' },
    phone: '13912341234',
    note: '业主：锦绣花园 3栋1单元1201',
  },
  {
    key: 'resident.family',
    displayName: '张小明',
    role: 'resident',
    community: 'JXHY',
    house: { building: '3栋', unit: '1单元', number: '1201', relation: 'family' },
    note: '家属：同上',
  },
  {
    key: 'resident.tenant',
    displayName: '租户 小王',
    role: 'resident',
    community: 'JXHY',
    house: { building: '5栋', unit: '2单元', number: '0602', relation: 'tenant' },
    note: '租户：锦绣花园 5栋2单元0602',
  },
  {
    key: 'resident.yangguang',
    displayName: '阳光新城 老李',
    role: 'resident',
    community: 'YGXC',
    house: { building: '2栋', unit: '1单元', number: '0301', relation: 'owner' },
    note: '业主：阳光新城 2栋1单元0301',
  },
  {
    key: 'owner.jinxiu.wang',
    displayName: '王先生',
    role: 'resident',
    community: 'JXHY',
    house: { building: '4栋', unit: '1单元', number: '0502', relation: 'owner' },
    note: '业主：锦绣花园 4栋1单元0502（演示业主表决）',
  },
  {
    key: 'owner.jinxiu.zhao',
    displayName: '赵女士',
    role: 'resident',
    community: 'JXHY',
    house: { building: '6栋', unit: '2单元', number: '1102', relation: 'owner' },
    note: '业主：锦绣花园 6栋2单元1102（演示业主表决）',
  },
  { key: 'resident.new', displayName: '新用户 小周', role: 'resident', note: '尚未绑定房屋：用来演示绑定申请' },
];
