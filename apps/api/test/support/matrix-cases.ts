import { addDays, shanghaiDate } from '@wuye/contracts';
import type { MatrixWorld } from './matrix-world';

/**
 * One entry for every route of the API: how to aim it at estate A, and what kind of route it is.
 * - scoped: reaches community/company data. Callers from elsewhere must get 401/403/404, or a 2xx with none
 *   of A's data, and the database must not change.
 * - public: by design answers anyone (administrative divisions, company registrations, the estate directory);
 *   nothing personal may appear and nothing may change.
 * - own: acts only on the caller's own account (no id of anything else in it); run after the no-change check,
 *   still with nothing personal of A's in the answer.
 * `insider` is the positive control: someone who may do it, and must succeed with the same request, so a case
 * cannot pass merely because its request was malformed.
 */
export interface MatrixCase {
  kind: 'scoped' | 'public' | 'own';
  why?: string;
  path?: (w: MatrixWorld) => Record<string, number | string>;
  query?: (w: MatrixWorld) => Record<string, string | number>;
  body?: (w: MatrixWorld) => object;
  file?: { name: string; content: string };
  insider?: keyof MatrixWorld['insiders'];
  insiderStatus?: number;
  /** Personal markers may legitimately appear (development-only demo account list). */
  noLeakCheck?: string;
  /** Statuses ≥ 500 that are the right answer here (e.g. 503 while WeChat is not configured). */
  allowStatus?: number[];
  /** Run this case's insider control after all others (it changes who may do what). */
  last?: boolean;
}

/** One case for both formats of a GeoReport v2 resource (`requests.json` and `requests.xml`). */
const open311 = (method: 'GET' | 'POST', resource: string, c: MatrixCase): Record<string, MatrixCase> =>
  Object.fromEntries(['json', 'xml'].map((format) => [`${method} /open311/v2/${resource}.${format}`, c]));

const daysAgo = (n: number) => addDays(shanghaiDate(), -n);
const today = () => shanghaiDate();

export const MATRIX: Record<string, MatrixCase> = {
  'GET /api/health': { kind: 'public', insider: 'anonymous' },
  'GET /api/v1/client-config': { kind: 'public', why: 'template ids and limits for the app', insider: 'anonymous' },

  // Sign-in and the caller's own account.
  'POST /api/v1/auth/wechat': {
    kind: 'public',
    why: 'sign-in; WeChat is not configured in this app',
    body: () => ({ code: 'x' }),
    allowStatus: [503],
    insider: 'anonymous',
    insiderStatus: 503,
  },
  'POST /api/v1/auth/refresh': { kind: 'public', why: 'sign-in with a refresh token', body: () => ({ refreshToken: 'not-a-token' }), insider: 'anonymous', insiderStatus: 401 },
  'GET /api/v1/auth/dev/users': { kind: 'public', why: 'development only', noLeakCheck: 'lists the demo accounts; the route does not exist in production (tested)', insider: 'anonymous' },
  'POST /api/v1/auth/dev': { kind: 'public', why: 'development only', body: () => ({ user: 'no-such-demo-account' }), insider: 'anonymous', insiderStatus: 404 },
  'POST /api/v1/auth/logout': { kind: 'own', last: true },
  'GET /api/v1/me': { kind: 'own' },
  'PATCH /api/v1/me': { kind: 'own', body: () => ({ displayName: '来访者' }) },
  'POST /api/v1/me/phone': { kind: 'own', body: () => ({ code: 'x' }), allowStatus: [503] },
  'GET /api/v1/me/invitations': { kind: 'own' },
  'POST /api/v1/bindings': { kind: 'own', why: 'anyone may ask to bind to a house; A’s reviewers decide', body: (w) => ({ houseId: w.A.houses[5].id, relation: 'tenant' }) },
  'POST /api/v1/invitations/accept': { kind: 'own', why: 'the code is a credential handed to the invitee', body: () => ({ code: 'ZZZZZZZZ' }) },
  'POST /api/v1/invitations/check': { kind: 'own', why: 'what a code offers the one holding it', body: () => ({ code: 'ZZZZZZZZ' }) },

  // Bindings.
  'GET /api/v1/communities/{id}/bindings': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'managerA' },
  'POST /api/v1/bindings/{id}/approve': { kind: 'scoped', path: (w) => ({ id: w.A.pending[0] }), insider: 'managerA' },
  'POST /api/v1/bindings/{id}/reject': { kind: 'scoped', path: (w) => ({ id: w.A.pending[1] }), body: () => ({ reason: '资料不全' }), insider: 'committeeA' },
  'POST /api/v1/bindings/{id}/remove': { kind: 'scoped', path: (w) => ({ id: w.A.pending[2] }), body: () => ({ reason: '重复申请' }), insider: 'managerA' },

  // Roles and the audit log.
  'POST /api/v1/invitations': { kind: 'scoped', body: (w) => ({ role: 'staff', communityId: w.A.communityId }), insider: 'companyAdminA' },
  'GET /api/v1/role-assignments': { kind: 'scoped', query: (w) => ({ companyId: w.A.companyId }), insider: 'companyAdminA' },
  'GET /api/v1/role-assignments/conflicts': { kind: 'scoped', insider: 'officeA' },
  'POST /api/v1/role-assignments': { kind: 'scoped', body: (w) => ({ userId: w.A.staffUserId, role: 'manager', communityId: w.A.communityId }), insider: 'companyAdminA' },
  'POST /api/v1/role-assignments/{id}/revoke': { kind: 'scoped', path: (w) => ({ id: w.A.spareAssignmentId }), insider: 'companyAdminA' },
  'GET /api/v1/audit': { kind: 'scoped', query: () => ({ limit: 100 }), insider: 'companyAdminA' },

  // Organisation.
  'GET /api/v1/areas': { kind: 'public', why: 'administrative divisions', insider: 'managerA' },
  'GET /api/v1/areas/{id}': { kind: 'public', why: 'administrative divisions', path: (w) => ({ id: w.A.officeId }), insider: 'managerA' },
  'POST /api/v1/areas': { kind: 'scoped', body: (w) => ({ code: `Z${Date.now()}`, name: '新镇', level: 'town', parentId: w.A.countyId }), insider: 'admin' },
  'PATCH /api/v1/areas/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.officeId }), body: () => ({ name: '改名社区' }), insider: 'admin' },
  'GET /api/v1/companies': { kind: 'public', why: 'company registrations are public', insider: 'managerA' },
  'GET /api/v1/companies/{id}': { kind: 'public', why: 'company registrations are public', path: (w) => ({ id: w.A.companyId }), insider: 'managerA' },
  'POST /api/v1/companies': { kind: 'scoped', body: () => ({ name: '新物业公司', creditCode: '91350100M000100Y43' }), insider: 'admin' },
  'PATCH /api/v1/companies/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.companyId }), body: () => ({ address: '新地址' }), insider: 'admin' },
  'GET /api/v1/communities': { kind: 'scoped', query: (w) => ({ areaId: w.A.countyId }), insider: 'officeA' },
  'POST /api/v1/communities': { kind: 'scoped', body: (w) => ({ code: `N${Date.now()}`, name: '新小区', areaId: w.A.officeId }), insider: 'admin' },
  'GET /api/v1/communities/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'managerA' },
  'PATCH /api/v1/communities/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), body: () => ({ address: '改过的地址' }), insider: 'admin' },
  'GET /api/v1/communities/{id}/buildings': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'managerA' },
  'POST /api/v1/communities/{id}/buildings': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), body: () => ({ name: '新建楼' }), insider: 'managerA' },
  'GET /api/v1/communities/{id}/houses': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'managerA' },
  'POST /api/v1/communities/{id}/houses/import': {
    kind: 'scoped',
    path: (w) => ({ id: w.A.communityId }),
    file: { name: 'roster.csv', content: '楼栋,房号,建筑面积\n导入楼,0101,70.5\n' },
    insider: 'managerA',
  },
  'GET /api/v1/houses/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.houses[0].id }), insider: 'managerA' },
  'PATCH /api/v1/houses/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.houses[4].id }), body: () => ({ floorArea: 90.5 }), insider: 'managerA' },
  'POST /api/v1/houses': { kind: 'scoped', body: (w) => ({ buildingId: w.A.buildingId, floor: 9, number: 'Z901', floorArea: 88 }), insider: 'managerA' },
  'GET /api/v1/contracts': { kind: 'scoped', query: (w) => ({ communityId: w.A.communityId }), insider: 'companyAdminA' },
  'GET /api/v1/contracts/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.contractId }), insider: 'companyAdminA' },
  'POST /api/v1/contracts': {
    kind: 'scoped',
    body: (w) => ({ communityId: w.A.communityId, companyId: w.B.companyId, startsOn: '2099-01-01', serviceGrade: '二级' }),
    insider: 'admin',
  },
  'POST /api/v1/contracts/{id}/end': { kind: 'scoped', path: (w) => ({ id: w.A.contractId }), body: () => ({ reason: 'terminated', note: `${today()} 清退` }), insider: 'admin', last: true },

  // Photos and notifications.
  'POST /api/v1/uploads': { kind: 'own', why: 'uploads belong to the uploader until a ticket takes them', file: { name: 'x.txt', content: 'not a photo' } },
  'GET /api/v1/files/{path}': { kind: 'public', why: 'a signed link is the permission', path: () => ({ path: 'photos/2026/01/none.jpg' }), query: () => ({ exp: 1, sig: 'x' }), insider: 'anonymous', insiderStatus: 403 },
  'GET /api/v1/notifications': { kind: 'own' },
  'GET /api/v1/notifications/unread-count': { kind: 'own' },
  'POST /api/v1/notifications/read-all': { kind: 'own' },
  'POST /api/v1/notifications/{id}/read': { kind: 'scoped', path: (w) => ({ id: w.A.notificationId }), insider: 'residentA' },

  // Tickets.
  'POST /api/v1/tickets': { kind: 'scoped', body: (w) => ({ communityId: w.A.communityId, kind: 'repair', categoryCode: 'facility', description: '楼道灯坏了', photoIds: [] }), insider: 'residentA' },
  'POST /api/v1/tickets/on-behalf': {
    kind: 'scoped',
    why: '代报: the property side and the office file for a caller',
    body: (w) => ({ communityId: w.A.communityId, kind: 'repair', categoryCode: 'facility', description: '来电反映楼道灯坏了', photoIds: [], channel: 'phone', callerName: '王先生', callerPhone: '13800001111' }),
    insider: 'officeA',
  },
  'POST /api/v1/tickets/{id}/contact-phone': {
    kind: 'scoped',
    why: 'reveals the number to call back (audited); A’s resident bound no phone, so the manager reaching it is told there is none',
    path: (w) => ({ id: w.A.ticket }),
    insider: 'managerA',
    insiderStatus: 404,
  },
  'GET /api/v1/tickets': { kind: 'scoped', query: (w) => ({ view: 'community', communityId: w.A.communityId }), insider: 'residentA' },
  'GET /api/v1/tickets/similar': { kind: 'scoped', query: (w) => ({ communityId: w.A.communityId, categoryCode: 'facility', place: '1号门' }), insider: 'neighbourA' },
  'GET /api/v1/tickets/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.ticket }), insider: 'neighbourA' },
  'POST /api/v1/tickets/{id}/transitions': { kind: 'scoped', path: (w) => ({ id: w.A.ticket }), body: (w) => ({ action: 'accept', version: w.A.ticketVersion }), insider: 'managerA' },
  'POST /api/v1/tickets/{id}/rating': { kind: 'scoped', path: (w) => ({ id: w.A.resolvedTicket }), body: () => ({ stars: 5 }), insider: 'residentA' },
  'POST /api/v1/tickets/{id}/urge': { kind: 'scoped', path: (w) => ({ id: w.A.overdueTicket }), insider: 'residentA' },
  'POST /api/v1/tickets/{id}/follow': { kind: 'scoped', path: (w) => ({ id: w.A.overdueTicket }), insider: 'neighbourA' },
  'POST /api/v1/tickets/{id}/unfollow': { kind: 'scoped', path: (w) => ({ id: w.A.overdueTicket }), insider: 'neighbourA' },
  'GET /api/v1/communities/{id}/ticket-categories': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'residentA' },
  'PUT /api/v1/communities/{id}/ticket-categories': {
    kind: 'scoped',
    path: (w) => ({ id: w.A.communityId }),
    body: () => ({ categories: [{ code: 'facility', name: '设施故障', responseMinutes: 60, resolutionMinutes: 600, emergency: false, active: true }] }),
    insider: 'managerA',
  },
  'GET /api/v1/communities/{id}/deadline-floors': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'managerA' },
  'GET /api/v1/areas/{id}/deadline-floors': { kind: 'scoped', path: (w) => ({ id: w.A.countyId }), insider: 'admin' },
  'PUT /api/v1/areas/{id}/deadline-floors': {
    kind: 'scoped',
    path: (w) => ({ id: w.A.countyId }),
    body: () => ({ floors: [{ code: 'facility', name: '设施故障', responseMinutes: 120, resolutionMinutes: 1440, emergency: false }] }),
    insider: 'admin',
  },
  'GET /api/v1/communities/{id}/assignees': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'managerA' },
  'GET /api/v1/communities/{id}/workload': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'managerA' },
  'GET /api/v1/communities/{id}/ticket-stats': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), query: () => ({ from: daysAgo(30), to: today() }), insider: 'managerA' },

  // Open311 GeoReport v2 (every resource as .json and .xml): public tickets, no personal data; filing needs a hotline's key.
  ...open311('GET', 'discovery', { kind: 'public', why: 'GeoReport v2 discovery', insider: 'anonymous' }),
  ...open311('GET', 'services', { kind: 'public', why: 'GeoReport v2 service list', query: (w) => ({ jurisdiction_id: w.A.communityCode }), insider: 'anonymous' }),
  'GET /open311/v2/services/{code}': { kind: 'public', why: 'GeoReport v2 service definition', path: () => ({ code: 'facility.xml' }), query: (w) => ({ jurisdiction_id: w.A.communityCode }), insider: 'anonymous' },
  ...open311('GET', 'requests', { kind: 'public', why: 'GeoReport v2: public tickets, masked', query: (w) => ({ jurisdiction_id: w.A.communityCode }), insider: 'anonymous' }),
  'GET /open311/v2/requests/{id}': { kind: 'public', why: 'GeoReport v2: one public ticket', path: (w) => ({ id: `${w.A.ticket}.json` }), query: (w) => ({ jurisdiction_id: w.A.communityCode }), insider: 'anonymous' },
  ...open311('GET', 'servicerequestupdates', { kind: 'public', why: 'mySociety extension: state changes of public tickets', query: (w) => ({ jurisdiction_id: w.A.communityCode }), insider: 'anonymous' }),
  ...open311('POST', 'requests', {
    kind: 'public',
    why: 'a hotline files with its api_key; without one nothing happens',
    body: (w) => ({ api_key: 'not-a-key', jurisdiction_id: w.A.communityCode, service_code: 'facility', description: '热线来电：路灯不亮', address_string: '3栋' }),
    insider: 'anonymous',
    insiderStatus: 403,
  }),
  'GET /api/v1/open311-clients': { kind: 'scoped', insider: 'admin' },
  'POST /api/v1/open311-clients': { kind: 'scoped', body: (w) => ({ name: '新热线', areaId: w.A.countyId }), insider: 'admin' },
  'POST /api/v1/open311-clients/{id}/revoke': { kind: 'scoped', path: (w) => ({ id: w.A.open311ClientId }), insider: 'admin', last: true },
  'POST /api/v1/users/{id}/disable': { kind: 'scoped', path: (w) => ({ id: w.A.staffUserId }), body: () => ({ reason: '离职' }), insider: 'admin', last: true },
  'POST /api/v1/users/{id}/enable': { kind: 'scoped', path: (w) => ({ id: w.A.staffUserId }), insider: 'admin', last: true },
  'GET /api/v1/wechat/events': { kind: 'public', why: 'WeChat message push; the signature is the permission', query: () => ({ signature: 'x', timestamp: '1', nonce: 'n', echostr: 'e' }), insider: 'anonymous', insiderStatus: 403 },
  'POST /api/v1/wechat/events': { kind: 'public', why: 'WeChat message push; the signature is the permission', query: () => ({ signature: 'x', timestamp: '1', nonce: 'n' }), body: () => ({ Event: 'wxa_media_check', trace_id: 't', result: { suggest: 'risky' } }), insider: 'anonymous', insiderStatus: 403 },

  // Disclosures (公示, 业账社审).
  'GET /api/v1/communities/{id}/disclosures': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'residentA' },
  'GET /api/v1/communities/{id}/disclosures/chain': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'residentA' },
  'GET /api/v1/communities/{id}/disclosures/chain/verify': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'residentA' },
  'GET /api/v1/communities/{id}/disclosures/export.xlsx': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), query: () => ({ year: 2026 }), insider: 'residentA' },
  'GET /api/v1/communities/{id}/disclosure-compliance': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'officeA' },
  'GET /api/v1/disclosure-compliance': { kind: 'scoped', query: (w) => ({ areaId: w.A.townId }), insider: 'officeA' },
  'GET /api/v1/communities/{id}/questions': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'committeeA' },
  'PUT /api/v1/communities/{id}/disclosure-settings': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), body: () => ({ questionAnswerDays: 7 }), insider: 'chairA' },
  'POST /api/v1/disclosures': {
    kind: 'scoped',
    body: (w) => ({ communityId: w.A.communityId, type: 'shared_cost', period: '2026-10', title: '十月公摊', lines: [{ kind: 'meter', item: '电表', amountFen: 100, fields: { meterKind: 'electricity', quantity: 1, unit: 'kWh' } }] }),
    insider: 'managerA',
  },
  'GET /api/v1/disclosures/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.disclosure }), insider: 'residentA' },
  'GET /api/v1/share-cards/{kind}/{id}': { kind: 'public', why: 'a shared card says what the record is and its estate to anyone signed in', path: (w) => ({ kind: 'disclosure', id: w.A.disclosure }), insider: 'residentA' },
  'POST /api/v1/share-cards/{kind}/{id}/group-enters': {
    kind: 'public',
    why: 'counts the group a card was opened from, never the person; WeChat is not configured in this app',
    path: (w) => ({ kind: 'disclosure', id: w.A.disclosure }),
    body: () => ({ encryptedData: 'AAAA', iv: 'AAAA' }),
    insider: 'residentA',
    insiderStatus: 409,
  },
  'PATCH /api/v1/disclosures/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.draftDisclosure }), body: () => ({ title: '改过的标题' }), insider: 'managerA' },
  'POST /api/v1/disclosures/{id}/submit': { kind: 'scoped', path: (w) => ({ id: w.A.draftDisclosure }), insider: 'managerA' },
  'POST /api/v1/disclosures/{id}/withdraw': { kind: 'scoped', path: (w) => ({ id: w.A.withdrawDisclosure }), insider: 'managerA' },
  'POST /api/v1/disclosures/{id}/reviews': { kind: 'scoped', path: (w) => ({ id: w.A.reviewDisclosure }), body: () => ({ decision: 'approve' }), insider: 'committeeA' },
  'POST /api/v1/disclosure-reviews/{id}/answer': { kind: 'scoped', path: (w) => ({ id: w.A.queryReview }), body: () => ({ answer: '合同已补充' }), insider: 'managerA' },
  'POST /api/v1/disclosures/{id}/sign-off': { kind: 'scoped', path: (w) => ({ id: w.A.reviewDisclosure }), insider: 'chairA' },
  'POST /api/v1/disclosures/{id}/corrections': { kind: 'scoped', path: (w) => ({ id: w.A.disclosure }), body: () => ({ reason: '金额录入有误' }), insider: 'managerA' },
  'GET /api/v1/disclosures/{id}/export.xlsx': { kind: 'scoped', path: (w) => ({ id: w.A.disclosure }), insider: 'residentA' },
  'POST /api/v1/disclosures/{id}/questions': { kind: 'scoped', path: (w) => ({ id: w.A.disclosure }), body: () => ({ text: '成本为何这么高？' }), insider: 'residentA' },
  'POST /api/v1/questions/{id}/answer': { kind: 'scoped', path: (w) => ({ id: w.A.question }), body: () => ({ answer: '见附件合同' }), insider: 'managerA' },

  // Oversight: statistics, 督办, ratings, credit.
  'GET /api/v1/stats/overview': { kind: 'scoped', query: (w) => ({ areaId: w.A.countyId, from: daysAgo(30), to: today() }), insider: 'admin' },
  'GET /api/v1/stats/companies': { kind: 'scoped', query: (w) => ({ areaId: w.A.countyId, from: daysAgo(30), to: today() }), insider: 'admin' },
  'GET /api/v1/stats/export.xlsx': { kind: 'scoped', query: (w) => ({ areaId: w.A.countyId, from: daysAgo(30), to: today() }), insider: 'admin' },
  'GET /api/v1/escalations': { kind: 'scoped', insider: 'officeA' },
  'POST /api/v1/escalations/{id}/comments': { kind: 'scoped', path: (w) => ({ id: w.A.escalation }), body: () => ({ note: '请尽快处理' }), insider: 'officeA' },
  'POST /api/v1/escalations/{id}/deadline': { kind: 'scoped', path: (w) => ({ id: w.A.escalation }), body: () => ({ deadlineAt: new Date(Date.now() + 86400_000).toISOString() }), insider: 'officeA' },
  'POST /api/v1/escalations/{id}/close': { kind: 'scoped', path: (w) => ({ id: w.A.escalation }), body: () => ({ note: '已处理' }), insider: 'officeA', last: true },
  'GET /api/v1/communities/{id}/star-ratings': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'residentA' },
  'POST /api/v1/communities/{id}/star-ratings': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), body: () => ({ year: 2025, stars: 4, reason: '服务规范' }), insider: 'admin' },
  'GET /api/v1/companies/{id}/credit': { kind: 'public', why: 'a company’s credit standing is public to residents', path: (w) => ({ id: w.A.companyId }), insider: 'residentA' },
  'GET /api/v1/communities/{id}/managers': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'admin' },
  'GET /api/v1/inspection-templates': { kind: 'scoped', query: (w) => ({ communityId: w.A.communityId }), insider: 'officeA' },
  'POST /api/v1/inspection-templates': { kind: 'scoped', body: (w) => ({ areaId: w.A.countyId, name: '新检查表', items: [{ section: 'cleaning', text: '保洁', weight: 1 }] }), insider: 'admin' },
  'PUT /api/v1/inspection-templates/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.template }), body: (w) => ({ areaId: w.A.countyId, name: '季度检查表', items: [1, 2, 3].map((i) => ({ section: 'fire', text: `检查项${i}`, weight: i })) }), insider: 'admin' },
  'GET /api/v1/inspections': { kind: 'scoped', insider: 'officeA' },
  'POST /api/v1/inspections': {
    kind: 'scoped',
    body: (w) => ({ communityId: w.A.communityId, templateId: w.A.template, kind: 'joint', inspectedOn: today(), inspectors: ['乙'], results: ['i1', 'i2', 'i3'].map((code) => ({ code, result: 'pass' })) }),
    insider: 'officeA',
  },
  'GET /api/v1/inspections/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.inspection }), insider: 'companyAdminA' },
  'GET /api/v1/communities/{id}/inspections': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'residentA' },
  'GET /api/v1/inspection-stats': { kind: 'scoped', query: (w) => ({ areaId: w.A.officeId, period: today().slice(0, 4) }), insider: 'officeA' },
  'GET /api/v1/inspections/{id}/export.xlsx': { kind: 'scoped', path: (w) => ({ id: w.A.inspection }), insider: 'managerA' },
  'GET /api/v1/rectifications/export.xlsx': { kind: 'scoped', query: (w) => ({ areaId: w.A.officeId, period: today().slice(0, 4) }), insider: 'officeA' },
  'GET /api/v1/rectifications': { kind: 'scoped', insider: 'managerA' },
  'GET /api/v1/rectifications/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.openOrder }), insider: 'managerA' },
  'POST /api/v1/rectifications/{id}/reply': { kind: 'scoped', path: (w) => ({ id: w.A.openOrder }), body: (w) => ({ version: 1, note: '已整改', photoIds: [w.A.replyPhoto] }), insider: 'managerA' },
  'POST /api/v1/rectifications/{id}/verify': { kind: 'scoped', path: (w) => ({ id: w.A.repliedOrders[0] }), body: () => ({ version: 2 }), insider: 'officeA' },
  'POST /api/v1/rectifications/{id}/return': { kind: 'scoped', path: (w) => ({ id: w.A.repliedOrders[1] }), body: () => ({ version: 2, note: '未整改到位' }), insider: 'officeA' },
  'POST /api/v1/meetings': {
    kind: 'scoped',
    body: (w) => ({ communityId: w.A.communityId, kind: 'four_party', heldOn: today(), attendees: [{ party: 'property', name: '甲经理' }], minutes: '纪要', agenda: [], items: [{ text: '议定', ownerParty: 'property', ownerName: '甲经理', deadline: today() }] }),
    insider: 'officeA',
  },
  'GET /api/v1/meetings': { kind: 'scoped', insider: 'officeA' },
  'GET /api/v1/meetings/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.meeting }), insider: 'managerA' },
  'GET /api/v1/meetings/{id}/items': { kind: 'scoped', path: (w) => ({ id: w.A.meeting }), insider: 'committeeA' },
  'POST /api/v1/meetings/{id}/items': { kind: 'scoped', path: (w) => ({ id: w.A.meeting }), body: () => ({ items: [{ text: '补充议定', ownerParty: 'committee', ownerName: '甲主任', deadline: today() }] }), insider: 'officeA' },
  'GET /api/v1/meeting-items': { kind: 'scoped', insider: 'managerA' },
  'POST /api/v1/meeting-items/{id}/transitions': { kind: 'scoped', path: (w) => ({ id: w.A.meetingItem }), body: () => ({ action: 'done', version: 1, note: '已落实' }), insider: 'managerA' },
  'GET /api/v1/communities/{id}/meetings': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'residentA' },
  'POST /api/v1/escalations/{id}/refer': { kind: 'scoped', path: (w) => ({ id: w.A.escalation }), body: () => ({ to: 'meeting' }), insider: 'officeA' },
  'GET /api/v1/referrals': { kind: 'scoped', query: (w) => ({ communityId: w.A.communityId }), insider: 'officeA' },
  'GET /api/v1/meeting-agenda': { kind: 'scoped', query: (w) => ({ communityIds: String(w.A.communityId) }), insider: 'officeA' },
  'GET /api/v1/meeting-stats': { kind: 'scoped', query: (w) => ({ areaId: w.A.officeId, period: today().slice(0, 4) }), insider: 'officeA' },
  'GET /api/v1/meeting-stats/export.xlsx': { kind: 'scoped', query: (w) => ({ areaId: w.A.officeId, period: today().slice(0, 4) }), insider: 'officeA' },
  'POST /api/v1/liaisons': { kind: 'scoped', body: (w) => ({ communityId: w.A.communityId, name: '甲领导', title: '县住建局副局长' }), insider: 'admin' },
  'GET /api/v1/liaisons': { kind: 'scoped', query: (w) => ({ areaId: w.A.officeId }), insider: 'officeA' },
  'POST /api/v1/mediations': { kind: 'scoped', body: (w) => ({ communityId: w.A.communityId, subject: '邻里纠纷', parties: [{ name: '甲当事人', standing: '业主' }] }), insider: 'officeA' },
  'GET /api/v1/mediations': { kind: 'scoped', insider: 'officeA' },
  'GET /api/v1/mediations/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.mediation }), insider: 'officeA' },
  'POST /api/v1/mediations/{id}/outcome': { kind: 'scoped', path: (w) => ({ id: w.A.mediation }), body: () => ({ outcome: 'unresolved', mediatedOn: today(), mediators: [{ role: 'mediator', name: '甲调解员' }] }), insider: 'officeA' },
  'GET /api/v1/votes': { kind: 'scoped', query: (w) => ({ communityId: w.A.communityId }), insider: 'residentA' },
  'POST /api/v1/votes': {
    kind: 'scoped',
    body: (w) => ({ communityId: w.A.communityId, matter: 'other', title: '新表决', text: '表决事项', endsAt: new Date(Date.now() + 86400e3).toISOString() }),
    insider: 'chairA',
  },
  'GET /api/v1/votes/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.openVote }), insider: 'residentA' },
  'PUT /api/v1/votes/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.draftVote }), body: () => ({ text: '修改后的表决事项' }), insider: 'chairA' },
  'POST /api/v1/votes/{id}/actions': { kind: 'scoped', path: (w) => ({ id: w.A.submitVote }), body: () => ({ step: 'submit' }), insider: 'chairA' },
  'GET /api/v1/votes/{id}/ballots': { kind: 'scoped', path: (w) => ({ id: w.A.openVote }), insider: 'committeeA' },
  'POST /api/v1/votes/{id}/ballots': { kind: 'scoped', path: (w) => ({ id: w.A.openVote }), body: (w) => ({ houseId: w.A.houses[0].id, choice: 0 }), insider: 'residentA' },
  'POST /api/v1/votes/{id}/ballots/{ballotId}/actions': { kind: 'scoped', path: (w) => ({ id: w.A.openVote, ballotId: w.A.paperBallot }), body: () => ({ step: 'confirm' }), insider: 'officeA' },
  'POST /api/v1/votes/{id}/close': { kind: 'scoped', path: (w) => ({ id: w.A.endedVote }), insider: 'officeA' },
  'GET /api/v1/communities/{id}/patrol-points': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'officeA' },
  'POST /api/v1/communities/{id}/patrol-points': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), body: () => ({ name: '新巡检点', place: '1号楼', kind: 'fire_lane' }), insider: 'managerA' },
  'DELETE /api/v1/communities/{id}/patrol-points/{pointId}': { kind: 'scoped', path: (w) => ({ id: w.A.communityId, pointId: w.A.sparePatrolPoint }), insider: 'managerA' },
  'GET /api/v1/patrol-points/{id}/code.png': { kind: 'scoped', path: (w) => ({ id: w.A.patrolPoint }), insider: 'managerA' },
  'GET /api/v1/patrol-plans': { kind: 'scoped', query: (w) => ({ communityId: w.A.communityId }), insider: 'officeA' },
  'POST /api/v1/patrol-plans': {
    kind: 'scoped',
    body: (w) => ({ communityId: w.A.communityId, name: '日巡', pointIds: [w.A.patrolPoint], frequency: 'daily', windowStart: '08:00', windowEnd: '10:00', assigneeId: w.A.staffUserId }),
    insider: 'managerA',
  },
  'PUT /api/v1/patrol-plans/{id}': {
    kind: 'scoped',
    path: (w) => ({ id: w.A.patrolPlan }),
    body: (w) => ({ name: '夜巡', pointIds: [w.A.patrolPoint], frequency: 'weekly', windowStart: '20:00', windowEnd: '22:00', assigneeId: w.A.staffUserId }),
    insider: 'managerA',
  },
  'GET /api/v1/patrol-checks': { kind: 'scoped', query: (w) => ({ communityId: w.A.communityId }), insider: 'officeA' },
  'POST /api/v1/patrol-checks': { kind: 'scoped', body: (w) => ({ pointId: w.A.patrolPoint, result: 'normal' }), insider: 'managerA' },
  'GET /api/v1/communities/{id}/hazards': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'officeA' },
  'GET /api/v1/communities/{id}/patrol-stats': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), query: () => ({ month: today().slice(0, 7) }), insider: 'officeA' },
  'GET /api/v1/surveys': { kind: 'scoped', query: (w) => ({ communityId: w.A.communityId }), insider: 'residentA' },
  'POST /api/v1/surveys': { kind: 'scoped', body: (w) => ({ areaId: w.A.countyId, title: '乙测评', year: Number(today().slice(0, 4)), opensOn: today(), closesOn: today() }), insider: 'admin' },
  'GET /api/v1/surveys/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.survey }), insider: 'residentA' },
  'GET /api/v1/surveys/{id}/answers': { kind: 'scoped', path: (w) => ({ id: w.A.survey }), insider: 'residentA' },
  'POST /api/v1/surveys/{id}/answers': {
    kind: 'scoped',
    path: (w) => ({ id: w.A.survey }),
    body: (w) => ({ houseId: w.A.houses[0].id, scores: { s1: 5, s2: 4, s3: 4, s4: 5, s5: 3, s6: 5 } }),
    insider: 'residentA',
  },
  'GET /api/v1/committee-evaluations': { kind: 'scoped', query: (w) => ({ communityId: w.A.communityId }), insider: 'residentA' },
  'POST /api/v1/committee-evaluations': { kind: 'scoped', body: (w) => ({ communityId: w.A.communityId, year: Number(today().slice(0, 4)) - 1, score: 80, comment: '履职良好' }), insider: 'officeA' },
  'GET /api/v1/communities/{id}/announcements': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), insider: 'residentA' },
  'POST /api/v1/communities/{id}/announcements': { kind: 'scoped', path: (w) => ({ id: w.A.communityId }), body: () => ({ title: '乙公告', body: '正文' }), insider: 'managerA' },
  'GET /api/v1/announcements/{id}': { kind: 'scoped', path: (w) => ({ id: w.A.announcement }), insider: 'residentA' },
  'POST /api/v1/announcements/{id}/read': { kind: 'scoped', path: (w) => ({ id: w.A.announcement }), insider: 'residentA' },
  'POST /api/v1/announcements/{id}/withdraw': { kind: 'scoped', path: (w) => ({ id: w.A.announcement }), insider: 'managerA' },
  'GET /api/v1/credit-events': { kind: 'scoped', insider: 'admin' },
  'POST /api/v1/credit-events': { kind: 'scoped', body: (w) => ({ companyId: w.A.companyId, kind: 'interview', occurredOn: daysAgo(1), reason: '约谈' }), insider: 'admin' },

  // The directory: estate names and rooms, nothing about people.
  'GET /api/v1/directory/communities': { kind: 'public', why: 'the public directory of estates', insider: 'anonymous' },
  'GET /api/v1/directory/communities/{id}/buildings': { kind: 'public', why: 'buildings for the binding form', path: (w) => ({ id: w.A.communityId }), insider: 'managerA' },
  'GET /api/v1/directory/buildings/{id}/houses': { kind: 'public', why: 'rooms for the binding form', path: (w) => ({ id: w.A.buildingId }), insider: 'managerA' },
};
