/**
 * Where a notification takes its reader: the page where they can act on it. The in-app list and the WeChat
 * subscribe message (its `page`, no leading slash) open the same one. One row per kind; a kind goes to one
 * audience, so its page is the one that audience works on.
 */
/** The page of the record `by` names; without that record, `otherwise` (else the message list). */
type Target = { page: string; by: 'ticket' | 'disclosure' | 'announcement' | 'vote' | 'rectification' | null; query?: string; otherwise?: string };

const HANDLE_TICKET: Target = { page: 'packages/work/pages/ticket/index', by: 'ticket' };
const FOLLOW_TICKET: Target = { page: 'packages/tickets/pages/detail/index', by: 'ticket' };
const REVIEW_DISCLOSURE: Target = { page: 'packages/review/pages/detail/index', by: 'disclosure' };
const RECTIFICATION: Target = { page: 'packages/inspections/pages/order/index', by: 'rectification', otherwise: 'packages/inspections/pages/index/index' };
const READ_DISCLOSURE: Target = { page: 'packages/disclosures/pages/detail/index', by: 'disclosure' };

export const NOTIFICATION_TARGETS: Record<string, Target> = {
  // The property side: 受理 / 派单 / 开始办理 are on the handling page.
  ticket_new: HANDLE_TICKET,
  ticket_assigned: HANDLE_TICKET,
  ticket_reopen: HANDLE_TICKET,
  ticket_appeal: HANDLE_TICKET,
  ticket_complaint: HANDLE_TICKET,
  ticket_urged: HANDLE_TICKET,
  ticket_handover: HANDLE_TICKET,
  escalation_update: HANDLE_TICKET,
  // The community office: the ticket with its 督办 panel.
  ticket_escalated: { page: 'packages/oversight/pages/ticket/index', by: 'ticket' },
  // The reporter and followers.
  ticket_accepted: FOLLOW_TICKET,
  ticket_rejected: FOLLOW_TICKET,
  ticket_resolved: FOLLOW_TICKET,
  ticket_closed: FOLLOW_TICKET,
  // 业账社审: the committee reviews, the manager answers queries on the draft page and residents' questions on 公示管理.
  disclosure_review: REVIEW_DISCLOSURE,
  query_answered: REVIEW_DISCLOSURE,
  disclosure_query: { page: 'packages/disclosures/pages/edit/index', by: 'disclosure' },
  disclosure_question: { page: 'packages/disclosures/pages/manage/index', by: null, query: 'tab=questions' },
  disclosure_published: READ_DISCLOSURE,
  // Residents: a new publication of their estate.
  disclosure_public: READ_DISCLOSURE,
  question_answered: READ_DISCLOSURE,
  question_overdue: READ_DISCLOSURE,
  // 公告: the residents read it where it is shown in full.
  announcement: { page: 'packages/announcements/pages/detail/index', by: 'announcement' },
  // 业主共同决定: residents vote where the vote is shown; the office confirms paper ballots on the same page.
  vote_open: { page: 'packages/votes/pages/detail/index', by: 'vote' },
  vote_paper: { page: 'packages/votes/pages/detail/index', by: 'vote' },
  // 整改单: the order itself; several orders of one inspection, the company's inbox.
  rectification_issued: RECTIFICATION,
  rectification_returned: RECTIFICATION,
  rectification_overdue: RECTIFICATION,
  // House bindings: the owners read their houses; the office decides on 绑定审核.
  binding_contested: { page: 'packages/account/pages/bind/index', by: null },
  binding_review: { page: 'packages/work/pages/bindings/index', by: null },
};

const MESSAGES = 'pages/messages/index';

/** The page (path and query, no leading slash) a notification opens; the message list when its record is unknown. */
export function notificationPage(n: { kind: string; ticketId: number | null; disclosureId: number | null; announcementId?: number | null; voteId?: number | null; rectificationId?: number | null }): string {
  const target = NOTIFICATION_TARGETS[n.kind] ?? (n.ticketId !== null ? FOLLOW_TICKET : null);
  if (!target) return MESSAGES;
  const ids = { ticket: n.ticketId, disclosure: n.disclosureId, announcement: n.announcementId ?? null, vote: n.voteId ?? null, rectification: n.rectificationId ?? null };
  const id = target.by === null ? null : ids[target.by];
  if (target.by !== null && id === null) return target.otherwise ?? MESSAGES;
  const query = [id !== null ? `id=${id}` : '', target.query ?? ''].filter(Boolean).join('&');
  return query ? `${target.page}?${query}` : target.page;
}
