/** One JSON shape for every error the API returns. */
export interface ApiErrorBody {
  statusCode: number;
  /** Stable, machine-readable; the mini-program switches on it. */
  code: ErrorCode;
  /** A sentence a resident can read (Chinese). */
  message: string;
  details?: unknown;
  requestId?: string;
}

/**
 * Every code the API can send, with what it means in words a resident can read. The API throws only these (the
 * type is closed, and a test scans the API for codes missing here); a message thrown with a code may say more,
 * this one is what the app shows when it has nothing better.
 */
export const ERROR_CODES = {
  // The request itself
  VALIDATION_FAILED: '提交的内容有误，请检查后重试',
  MALFORMED_JSON: '请求内容不是有效的 JSON',
  BAD_CURSOR: '分页参数无效，请从第一页重新加载',
  ROUTE_NOT_FOUND: '请求的地址不存在',
  PAYLOAD_TOO_LARGE: '提交的内容太大了',
  UNSUPPORTED_MEDIA_TYPE: '不支持的文件或内容类型',
  REQUEST_REFUSED: '请求无法完成',
  // Who is asking
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '您没有执行此操作的权限',
  ACTION_NOT_ALLOWED: '您不能执行此操作',
  NOT_FOUND: '未找到，或您无权查看',
  BAD_SIGNATURE: '链接签名无效',
  LINK_EXPIRED: '链接已失效，请刷新页面',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  CANNOT_REVOKE_SELF: '不能撤销自己的角色，请由其他管理员操作',
  CANNOT_DISABLE_SELF: '不能停用自己的账号，请由其他管理员操作',
  // Someone else was first, or it already happened
  CONFLICT: '数据已被他人修改，请刷新后重试',
  STALE_VERSION: '刚被他人处理过，请刷新后再操作',
  ALREADY_EXISTS: '该记录已存在',
  ILLEGAL_TRANSITION: '当前状态下不能这样操作',
  // Organisation and roles
  INVALID_CREDIT_CODE: '统一社会信用代码不正确',
  INVALID_AREA_PARENT: '上级区域不正确',
  CONTRACT_OVERLAP: '该小区在此期间已有服务合同',
  CONTRACT_ALREADY_ENDED: '该合同已经终止',
  IMPORT_INVALID: '导入的表格有误，请按提示修改后重新导入',
  INVITATION_INVALID: '邀请码不存在，请核对后重新输入',
  INVITATION_EXPIRED: '邀请码已过期，请联系发出邀请的人重新生成',
  INVITATION_USED: '该邀请码已被使用',
  INVITATION_STALE: '该物业企业已不再服务这个小区，邀请码失效',
  BINDING_EXISTS: '您已申请或已绑定这套房屋',
  BINDING_ALREADY_DECIDED: '该申请已被处理，请刷新',
  TOO_MANY_PENDING: '待审核的申请太多了，请等待审核结果',
  PHONE_ALREADY_SET: '已绑定手机号；如需更换，请确认后重试',
  /** 职责分离: one person, one estate, one side (the property company or the owners' committee). */
  DUTIES_CONFLICT: '同一小区里，物业方和业委会的职务不能由同一人担任',
  OWN_REQUEST: '不能审核自己提交的申请',
  BINDING_NEEDS_OFFICE: '这套房屋已有业主，新的业主申请须由社区（村）审核',
  // Tickets
  INVALID_CATEGORY: '请选择本小区的工单分类',
  INVALID_HOUSE: '只能选择您已绑定的本小区房屋',
  INVALID_PHOTOS: '照片无效或已被使用，请重新上传',
  INVALID_ASSIGNEE: '处理人须是本小区物业的员工',
  ALREADY_RATED: '您已经评价过了',
  RATING_CLOSED: '工单办结已超过 14 天，不能再评价',
  INTERNAL_TICKET: '内部报事不参与评价',
  REOPEN_LIMIT: '已多次重新办理，如仍不满意，请向社区申诉',
  COMPLAIN_TOO_EARLY: '不满意可以先申请重新办理，多次仍不满意再向社区申诉',
  NOT_OVERDUE: '工单还在办理时限内，超时后才能催办',
  URGE_TOO_SOON: '一小时内只能催办一次',
  OWN_TICKET: '这是您自己反映的问题',
  NOT_FOLLOWING: '您没有关注该问题',
  ESCALATION_CLOSED: '该督办已经结束',
  CONTENT_RISKY: '内容含有不适宜公开的信息，请修改后再提交',
  DEADLINE_LOOSER_THAN_FLOOR: '时限不能宽于县里规定的标准',
  INVALID_PHONE: '请填写正确的手机号或座机号',
  CALLER_REQUIRED: '请填写来电人（来访人）的姓名和电话',
  RETURN_VISIT_NOT_DUE: '该工单现在不需要回访',
  RETURN_VISIT_SAME_DAY: '今天已经回访过一次，请换一天再试',
  NO_PHONE_NUMBER: '没有可拨打的电话号码',
  EMERGENCY_RESPONSE_TOO_LONG: '紧急分类必须在几小时内响应，时限太长了',
  // Disclosures
  DISCLOSURE_INVALID: '公示内容有误，请按提示修改',
  DISCLOSURE_PUBLISHED: '已公示的内容不能修改；如需更正，请发起更正（新版本）',
  OPEN_QUERIES: '还有质疑未回复，不能签发',
  LINES_NOT_APPROVED: '还有明细没有其他委员审核通过，不能签发',
  ALREADY_ANSWERED: '已经回复过了',
  CORRECTION_PENDING: '该公示已有一份更正在处理中',
  CHAIN_BUSY: '同时有其他公示在签发，请稍后重试',
  // Votes (业主共同决定)
  BALLOT_ALREADY_CAST: '这户已经投过票了，每户只能投一票',
  NOT_ON_VOTER_LIST: '这户不在本次表决的投票名单上，或您不是登记的业主',
  VOTE_NOT_OPEN: '该表决不在投票期内',
  VOTE_NOT_ENDED: '投票期还没有结束，且还有房屋未投票，暂不能结束',
  PAPER_CONFIRMER_IS_COMMITTEE: '业委会成员不能确认纸质选票，请由社区（村）工作人员核对照片后确认',
  // Oversight
  MANAGER_NOT_IN_CHARGE: '该人员在事发当日不是该企业在这个小区的项目经理',
  RATING_YEAR_OUT_OF_RANGE: '评定年度须在小区有物业服务之后，且不晚于今年',
  RATING_CHANGE_NEEDS_REASON: '修改已有的评定须填写修改原因',
  // Inspections and rectification orders
  TEMPLATE_NOT_APPLICABLE: '该检查表不适用于这个小区',
  INSPECTION_ITEMS_MISMATCH: '检查表已更新，请按最新的检查表重新填写',
  NO_SERVING_COMPANY: '该小区目前没有服务的物业企业，不合格项无法下发整改',
  // Hazard patrols
  INVALID_PATROL_POINTS: '巡检点须是本小区在用的巡检点',
  INVALID_PATROL_WINDOW: '巡检时段的结束应晚于开始',
  PATROL_POINT_RETIRED: '该巡检点已经停用',
  // Joint meetings (四方联席会)
  ALREADY_REFERRED: '该督办已经提交过这一级，请等待处理',
  OUTCOME_RECORDED: '该调解的结果已经记录过了',
  VERIFIER_IS_REPORTER: '报落实的人不能核验同一事项，请由社区其他工作人员或街道（乡镇）核验',
  ESTATES_NOT_ONE: '四方联席会只涉及一个小区；多个小区请记为协调委员会会议',
  // Satisfaction surveys (满意度测评)
  SURVEY_NOT_OPEN: '不在本次满意度测评的作答时间内',
  SURVEY_ALREADY_ANSWERED: '这户已经参加过本次测评了，每户只能答一次',
  SURVEY_NOT_ELIGIBLE: '只有本次测评范围内小区、已认证房屋的住户可以作答',
  SURVEY_SCORES_INVALID: '请为每一项选择 1–5 分',
  SURVEY_ANSWERS_PRIVATE: '个人答卷只有作答的住户本人可以查看',
  // Committee evaluation (业委会履职考评)
  EVALUATION_YEAR_OUT_OF_RANGE: '考评年度不能晚于今年',
  EVALUATION_CHANGE_NEEDS_REASON: '修改已有的考评须填写修改原因',
  // Announcements
  ANNOUNCEMENT_WITHDRAWN: '这条公告已经撤回',
  // Uploads and imports
  UPLOAD_NOT_ALLOWED: '绑定房屋后才能上传照片',
  UPLOAD_DAILY_LIMIT: '今天上传的文件已达上限，请明天再试',
  IMAGE_TOO_LARGE: '照片像素太高，请缩小后再上传',
  PDF_UNREADABLE: '无法读取这份 PDF，请重新导出后上传',
  PDF_ACTIVE_CONTENT: 'PDF 中含有脚本、自动操作或附件，不能作为凭证上传',
  IMPORT_TOO_LARGE: '表格太大，请分批导入',
  // WeChat
  WECHAT_CODE_INVALID: '微信登录凭证已失效，请重新进入小程序',
  WECHAT_RATE_LIMITED: '操作太频繁，请稍后再试',
  WECHAT_BUSY: '微信服务繁忙，请稍后再试',
  WECHAT_ERROR: '微信服务暂时不可用，请稍后再试',
  WECHAT_UNAVAILABLE: '暂时连不上微信服务，请稍后再试',
  WECHAT_NOT_CONFIGURED: '本服务未配置微信小程序，请使用其他方式登录',
  /** A share card opened from a group: its encrypted group info could not be read (stale session key, altered data). */
  GROUP_INFO_UNREADABLE: '没能识别来自哪个群，内容照常打开',
  /** The group info decrypts but was issued to another mini-program (watermark.appid). */
  GROUP_INFO_OTHER_APP: '群信息不属于本小程序，未记录',
  /** This sign-in has no WeChat session key (development sign-in, or it expired): nothing to decrypt with. */
  GROUP_INFO_NO_SESSION: '请重新进入小程序后再从群里打开',
  // The server
  DB_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  /** 503 with Retry-After: shedding load, or every database connection taken and the queue for one full. Nothing was done. */
  SERVER_BUSY: '访问人数较多，请稍后重试',
  INTERNAL: '服务器开小差了，请稍后再试',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, code);

/** One row of a bulk import that could not be accepted. Row numbers are as the user's spreadsheet shows them. */
export interface ImportRowError {
  row: number;
  column?: string;
  reason: string;
}
