import type { ShareCardKind } from '@wuye/contracts';

/** Page URLs, in one place: the tab pages of the main package and the pages of each subpackage. */
export const HOME_PAGE = '/pages/index/index';
export const MESSAGES_PAGE = '/pages/messages/index';
export const ME_PAGE = '/pages/me/index';
export const TAB_PAGES: readonly string[] = [HOME_PAGE, MESSAGES_PAGE, ME_PAGE];

/** The demo-account picker (H5 in development) or WeChat sign-in. */
export const SIGN_IN_PAGE = '/packages/account/pages/signin/index';
export const BIND_PAGE = '/packages/account/pages/bind/index';
export const INVITE_PAGE = '/packages/account/pages/invite/index';
/** 物业通隐私保护指引 (linked from the privacy dialog). */
export const PRIVACY_PAGE = '/packages/account/pages/privacy/index';

export const WORK_PAGE = '/packages/work/pages/index/index';
export const BINDINGS_REVIEW_PAGE = '/packages/work/pages/bindings/index';
export const STAFF_INVITE_PAGE = '/packages/work/pages/invite/index';
/** 工单收件箱 (?view=inbox) and 我的派单 (?view=assigned); one ticket to handle (?id=); 工单统计 (?communityId=). */
export const HANDLING_LIST_PAGE = '/packages/work/pages/tickets/index';
export const HANDLING_TICKET_PAGE = '/packages/work/pages/ticket/index';
export const HANDLING_STATS_PAGE = '/packages/work/pages/stats/index';
/** 分类与时限 (?communityId=): the estate's ticket categories within the county's floors (project managers). */
export const CATEGORIES_PAGE = '/packages/work/pages/categories/index';
/** 代报 (?communityId=&name=, &inspection=1 for an office): a ticket filed for a caller of another channel. */
export const PROXY_REPORT_PAGE = '/packages/work/pages/proxy/index';
/** 回访: tickets whose caller is to be called back (managers, community offices). */
export const RETURN_VISITS_PAGE = '/packages/work/pages/visits/index';
/** 职责冲突: people on both the property side and the committee of an estate (offices, company and platform admins). */
export const DUTY_CONFLICTS_PAGE = '/packages/work/pages/conflicts/index';

/** 随手拍: 我的报事 and the estate's board; `?view=community` opens the board. */
export const TICKETS_PAGE = '/packages/tickets/pages/index/index';
export const TICKET_REPORT_PAGE = '/packages/tickets/pages/report/index';
export const TICKET_DETAIL_PAGE = '/packages/tickets/pages/detail/index';
export const ticketDetailPage = (id: number) => `${TICKET_DETAIL_PAGE}?id=${id}`;
export const DISCLOSURES_PAGE = '/packages/disclosures/pages/index/index';
export const DISCLOSURE_DETAIL_PAGE = '/packages/disclosures/pages/detail/index';
export const DISCLOSURE_MANAGE_PAGE = '/packages/disclosures/pages/manage/index';
export const DISCLOSURE_EDIT_PAGE = '/packages/disclosures/pages/edit/index';
export const REVIEW_PAGE = '/packages/review/pages/index/index';
export const REVIEW_DETAIL_PAGE = '/packages/review/pages/detail/index';
export const OVERSIGHT_PAGE = '/packages/oversight/pages/index/index';
export const OVERSIGHT_COMMUNITY_PAGE = '/packages/oversight/pages/community/index';
export const OVERSIGHT_TICKET_PAGE = '/packages/oversight/pages/ticket/index';
export const ESCALATIONS_PAGE = '/packages/oversight/pages/escalations/index';
export const STAR_RATING_PAGE = '/packages/oversight/pages/rating/index';
export const CREDIT_PAGE = '/packages/oversight/pages/credit/index';
/** 业主共同决定: the estate's votes, drafting one (the committee chair), one vote (casting, paper ballots, the result). */
export const VOTES_PAGE = '/packages/votes/pages/index/index';
export const VOTE_EDIT_PAGE = '/packages/votes/pages/edit/index';
export const VOTE_DETAIL_PAGE = '/packages/votes/pages/detail/index';
export const votePage = (id: number) => `${VOTE_DETAIL_PAGE}?id=${id}`;
/** 小区公告: an estate's announcements (?communityId=), one in full (?id=), the posting form (?communityId=). */
export const ANNOUNCEMENTS_PAGE = '/packages/announcements/pages/index/index';
export const ANNOUNCEMENT_DETAIL_PAGE = '/packages/announcements/pages/detail/index';
export const ANNOUNCEMENT_POST_PAGE = '/packages/announcements/pages/post/index';
export const announcementPage = (id: number) => `${ANNOUNCEMENT_DETAIL_PAGE}?id=${id}`;
/** 满意度测评: campaigns (launching one: regulators), answering one (?id=), its results per estate (?id=&communityId=). */
export const SURVEYS_PAGE = '/packages/surveys/pages/index/index';
export const SURVEY_FORM_PAGE = '/packages/surveys/pages/form/index';
export const surveyAnswerPage = (id: number) => `/packages/surveys/pages/answer/index?id=${id}`;
export const surveyResultsPage = (id: number, communityId?: number) => `/packages/surveys/pages/results/index?id=${id}${communityId ? `&communityId=${communityId}` : ''}`;
/** 业委会履职考评 of an estate (?communityId=&name=): the office records it, residents see the grade. */
export const COMMITTEE_EVALUATION_PAGE = '/packages/oversight/pages/committee/index';
/** Where a share card opens: the record's page with its id and nothing else (standing: the estate's id). */
export const shareCardPath = (kind: ShareCardKind, id: number): string =>
  ({
    disclosure: `${DISCLOSURE_DETAIL_PAGE}?id=${id}`,
    ticket: ticketDetailPage(id),
    inspection: `${INSPECTION_SUMMARY_PAGE}?id=${id}`,
    standing: `${ESTATE_STANDING_PAGE}?id=${id}`,
    vote: votePage(id),
    announcement: announcementPage(id),
  })[kind];
/** Residents: their estate's star rating and its company's credit standing. */
export const ESTATE_STANDING_PAGE = '/packages/oversight/pages/estate/index';

/** 动态监管: 整改单 and 检查记录 (oversight and the property side), one inspection, the inspection form (drafts kept offline). */
export const INSPECTIONS_PAGE = '/packages/inspections/pages/index/index';
/** The 整改单 past their deadline: the office's 督办 of rectification orders. */
export const OVERDUE_RECTIFICATIONS_PAGE = `${INSPECTIONS_PAGE}?tab=overdue`;
export const INSPECTION_FORM_PAGE = '/packages/inspections/pages/form/index';
/** 检查表 (regulators): the checklists of their area. */
export const INSPECTION_TEMPLATES_PAGE = '/packages/inspections/pages/templates/index';
/** 检查统计 (offices, regulators): per estate of their area and period, with the orders' .xlsx. */
export const INSPECTION_STATS_PAGE = '/packages/inspections/pages/stats/index';
export const inspectionPage = (id: number) => `/packages/inspections/pages/inspection/index?id=${id}`;
/** One 整改单 with its timeline (notices about one order open it). */
export const RECTIFICATION_PAGE = '/packages/inspections/pages/order/index';
export const rectificationPage = (id: number) => `${RECTIFICATION_PAGE}?id=${id}`;
/** Residents: their estate's inspections (date, kind, score, orders open and closed). */
export const INSPECTION_SUMMARY_PAGE = '/packages/inspections/pages/summary/index';

/** 隐患排查: 今日巡检 (staff), one point's check (?pointId=&planId=), points and plans (managers), the hazard register. */
export const PATROLS_PAGE = '/packages/patrols/pages/index/index';
export const patrolCheckPage = (point: { id: number; name: string }, planId?: number, code?: string) =>
  `/packages/patrols/pages/check/index?pointId=${point.id}&name=${encodeURIComponent(point.name)}${planId ? `&planId=${planId}` : ''}${code ? `&code=${code}` : ''}`;
export const PATROL_POINTS_PAGE = '/packages/patrols/pages/points/index';
export const HAZARDS_PAGE = '/packages/patrols/pages/hazards/index';

/** 四方联席会: meetings and their agreed items (offices, the property side, committees). */
export const MEETINGS_PAGE = '/packages/meetings/pages/index/index';
export const OVERDUE_MEETING_ITEMS_PAGE = `${MEETINGS_PAGE}?tab=overdue`;
export const MEETING_FORM_PAGE = '/packages/meetings/pages/form/index';
export const MEETING_STATS_PAGE = '/packages/meetings/pages/stats/index';
/** 挂钩领导: leaders per estate and their quarterly attendance; the county assigns them. */
export const LIAISONS_PAGE = '/packages/meetings/pages/liaisons/index';
export const meetingPage = (id: number) => `/packages/meetings/pages/meeting/index?id=${id}`;
export const mediationPage = (id: number) => `/packages/meetings/pages/mediation/index?id=${id}`;
/** Residents: their estate's meetings (date, agreed items and their states). */
export const MEETING_SUMMARY_PAGE = '/packages/meetings/pages/summary/index';
