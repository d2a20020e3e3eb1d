import { ERROR_CODES, type ErrorCode } from '@wuye/contracts';

/**
 * A rule of the domain was not met. Services throw these; the exception filter turns them into the one JSON
 * error shape. `message` is Chinese, for the resident; `code` is stable, for the app.
 * An expected answer, not a fault: it carries no stack trace (capturing one cost about 30 µs each, and the ticket
 * lifecycle plans several steps per view to say what is allowed).
 */
export class DomainError extends Error {
  readonly statusCode: number;
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;

  constructor(statusCode: number, code: ErrorCode, message: string, details?: unknown, headers?: Record<string, string>) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.name = 'DomainError';
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

/** What each resource is called in messages ("未找到该小区"). */
const RESOURCE_NAMES = {
  area: '区域',
  company: '物业企业',
  community: '小区',
  building: '楼栋',
  house: '房屋',
  contract: '服务合同',
  user: '用户',
  binding: '房屋绑定',
  role: '角色',
  upload: '文件',
  ticket: '工单',
  category: '工单分类',
  notification: '通知',
  disclosure: '公示',
  question: '质询',
  escalation: '督办',
  template: '检查表',
  inspection: '检查记录',
  rectification: '整改单',
  patrolPoint: '巡检点',
  patrolPlan: '巡检计划',
  meeting: '联席会议',
  meetingItem: '议定项目',
  mediation: '调解记录',
  vote: '表决',
  announcement: '公告',
  survey: '满意度测评',
  evaluation: '业委会考评',
  ballot: '选票',
} as const;
export type ResourceName = keyof typeof RESOURCE_NAMES;

/** 404 both for what does not exist and for what lies outside the caller's scope: the two must look alike. */
export const notFound = (resource: ResourceName) =>
  new DomainError(404, 'NOT_FOUND', `未找到该${RESOURCE_NAMES[resource]}，或您无权查看`, { resource });

export const conflict = (code: ErrorCode, message: string, details?: unknown) =>
  new DomainError(409, code, message, details);

export const invalid = (message: string, details?: unknown, code: ErrorCode = 'VALIDATION_FAILED') =>
  new DomainError(422, code, message, details);

export const forbidden = (message = '您没有执行此操作的权限') => new DomainError(403, 'FORBIDDEN', message);

export const unauthenticated = (code: 'UNAUTHENTICATED' | 'TOKEN_EXPIRED' = 'UNAUTHENTICATED', message = '请先登录') =>
  new DomainError(401, code, message);

/** Seconds a client is asked to wait before calling again (the mini-program adds jitter and tries twice at most). */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** 503: shed under load, or no database connection to be had; nothing was done, the call may be made again. */
export const serverBusy = () =>
  new DomainError(503, 'SERVER_BUSY', ERROR_CODES.SERVER_BUSY, undefined, { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) });
