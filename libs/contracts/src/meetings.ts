/**
 * 四方联席会: meetings recorded by a community office (or a town) for an estate, their agreed items (议定项目) tracked
 * to verified, and the tickets the office refers to them from its 督办 queue (小事不出小区、大事不出社区). The item
 * lifecycle is data (MEETING_ITEM_TRANSITIONS): the API plans every step from it and answers `can`; the mini-program
 * shows buttons from that answer only.
 */
import type { RectificationState } from './inspections';
import type { PhotoView } from './tickets';
import { shanghaiTimeOn } from './time';

export const MEETING_KIND_LABELS = { four_party: '四方联席会', coordination: '协调委员会会议' } as const;
export type MeetingKind = keyof typeof MEETING_KIND_LABELS;
export const MEETING_KINDS = Object.keys(MEETING_KIND_LABELS) as MeetingKind[];

/** The parties at the table: 社区党组织、小区党支部、物业服务企业、业委会（业主代表）, and the county's 挂钩领导. */
export const MEETING_PARTY_LABELS = {
  community_party: '社区党组织',
  estate_party: '小区党支部',
  property: '物业服务企业',
  committee: '业委会/业主代表',
  liaison: '挂钩领导',
} as const;
export type MeetingParty = keyof typeof MEETING_PARTY_LABELS;
export const MEETING_PARTIES = Object.keys(MEETING_PARTY_LABELS) as MeetingParty[];

export const MEETING_ATTENDEES_MAX = 30;
export const MEETING_AGENDA_MAX = 20;
export const MEETING_ITEMS_MAX = 20;
export const MEETING_TEXT_MAX = 500;
export const MEETING_MINUTES_MAX = 5000;
export const MEETING_NAME_MAX = 20;
/** Sign-in sheet photos. */
export const MEETING_PHOTOS_MAX = 3;
/** Estates one 协调委员会 meeting may cover (a 四方联席会 covers one). */
export const MEETING_ESTATES_MAX = 20;
export const ITEM_DAYS_MAX = 180;

export interface MeetingAttendee {
  party: MeetingParty;
  name: string;
}

/**
 * A point on the agenda: free text, or drawn from a source of one of the covered estates — a ticket (one the office
 * referred from its 督办 queue, say), an owners' question on a disclosure, a rectification order (整改单). One source at
 * most; the source shows the meeting took it up.
 */
export interface AgendaEntry {
  text: string;
  ticketId?: number | null;
  questionId?: number | null;
  rectificationId?: number | null;
}

/** What the meeting form offers as agenda for the estates it covers. */
export interface AgendaCandidates {
  /** 督办 referred to the estates' next meeting and not yet taken up. */
  tickets: ReferralView[];
  /** Owners' questions on the estates' disclosures (open or answered), newest first; the text masked. */
  questions: { id: number; communityId: number; communityName: string; disclosureTitle: string; text: string; answered: boolean; meetingNote: string | null }[];
  /** The estates' rectification orders still with the company (待整改, 退回整改, 待销号), overdue first. */
  rectifications: { id: number; communityId: number; communityName: string; itemText: string; state: RectificationState; overdue: boolean }[];
}

export interface MeetingItemInput {
  text: string;
  ownerParty: MeetingParty;
  /** The person who answers for it. */
  ownerName: string;
  /** YYYY-MM-DD (Asia/Shanghai): due 18:00 that day. */
  deadline: string;
  /** The ticket the item decides (its timeline shows the decision). */
  ticketId?: number | null;
  /** The question it answers / the order it decides: of the item's estate. */
  questionId?: number | null;
  rectificationId?: number | null;
  /** Which of the meeting's estates it belongs to (default: the first). */
  communityId?: number | null;
}

export interface CreateMeetingInput {
  /** The first estate: the one the meeting is listed under. */
  communityId: number;
  /** Every estate it covers, the first included (default: just the first); a 协调委员会 may cover several of the recorder's area. */
  communityIds?: number[];
  kind: MeetingKind;
  /** YYYY-MM-DD, not in the future. */
  heldOn: string;
  attendees: MeetingAttendee[];
  minutes: string;
  signInPhotoIds?: number[];
  agenda: AgendaEntry[];
  items: MeetingItemInput[];
}

// ─── Agreed items ─────────────────────────────────────────────────────────────────────────────────────────────

export const MEETING_ITEM_STATE_LABELS = { open: '待落实', done: '待核验', verified: '已核验' } as const;
export type MeetingItemState = keyof typeof MEETING_ITEM_STATE_LABELS;
export const MEETING_ITEM_STATES = Object.keys(MEETING_ITEM_STATE_LABELS) as MeetingItemState[];

/**
 * Who takes a step: the owner party (the estate's project manager for 物业, its committee for 业委会, the office
 * for the party organisations and the liaison leader), the office that keeps the meeting, the scheduler.
 */
export type MeetingItemActor = 'owner' | 'office' | 'system';

export interface MeetingItemRule {
  label: string;
  from: readonly MeetingItemState[];
  /** null: the state stays (a flag is set instead). */
  to: MeetingItemState | null;
  who: MeetingItemActor;
  needs: { note?: 'required' | 'optional' };
  notNow: string;
  /**
   * Not by the person who reported the item done (independent verification): the office reports the party
   * organisations' and the liaison leader's items itself, so another office user of the area or the town's regulator
   * verifies them. The refusal says why.
   */
  notByReporter?: string;
}

export const MEETING_ITEM_TRANSITIONS = {
  done: { label: '已落实', from: ['open'], to: 'done', who: 'owner', needs: { note: 'required' }, notNow: '只有待落实的议定项目可以报落实' },
  verify: { label: '核验通过', from: ['done'], to: 'verified', who: 'office', needs: { note: 'optional' }, notNow: '责任方报落实后才能核验', notByReporter: '报落实的人不能核验同一事项，请由社区其他工作人员或街道（乡镇）核验' },
  return: { label: '退回', from: ['done'], to: 'open', who: 'office', needs: { note: 'required' }, notNow: '责任方报落实后才能退回' },
  overdue: { label: '逾期', from: ['open'], to: null, who: 'system', needs: {}, notNow: '该议定项目不在落实中' },
} as const satisfies Record<string, MeetingItemRule>;

export type MeetingItemStep = keyof typeof MEETING_ITEM_TRANSITIONS;
/** The steps people take (the app's buttons). */
export const MEETING_ITEM_ACTIONS = ['done', 'verify', 'return'] as const satisfies readonly MeetingItemStep[];
export type MeetingItemAction = (typeof MEETING_ITEM_ACTIONS)[number];

export const MEETING_ITEM_EVENT_LABELS: Record<string, string> = {
  agreed: '议定',
  done: '报落实',
  verify: '核验通过',
  return: '退回落实',
  overdue: '逾期未落实，转社区督办',
};

/** The one deadline rule of an item: 18:00 (Asia/Shanghai) of its deadline day. */
export function meetingItemDeadline(deadline: string): Date {
  return new Date(shanghaiTimeOn(deadline));
}

export interface MeetingItemTransitionInput {
  action: MeetingItemAction;
  version: number;
  note?: string;
}

export interface MeetingItemEventView {
  id: number;
  action: string;
  actionLabel: string;
  actorName: string | null;
  note: string | null;
  at: string;
}

export interface MeetingItemView {
  id: number;
  meetingId: number;
  communityId: number;
  communityName: string;
  text: string;
  ownerParty: MeetingParty;
  ownerName: string;
  deadlineAt: string;
  state: MeetingItemState;
  /** Went past its deadline while still open: it is in the office's 督办 queue. */
  overdueAt: string | null;
  ticketId: number | null;
  questionId: number | null;
  rectificationId: number | null;
  version: number;
  timeline: MeetingItemEventView[];
  /** The steps the caller may take now; the page shows exactly these. */
  can: Record<MeetingItemAction, boolean>;
  /** A step the caller would take but may not now, and why (shown on the disabled button). */
  blocked: Partial<Record<MeetingItemAction, string>>;
}

export interface MeetingView {
  id: number;
  /** The first estate. */
  communityId: number;
  communityName: string;
  /** Every estate it covers, the first first. */
  communities: { id: number; name: string }[];
  officeName: string;
  kind: MeetingKind;
  heldOn: string;
  attendees: MeetingAttendee[];
  minutes: string;
  signInPhotos: PhotoView[];
  agenda: AgendaEntry[];
  items: MeetingItemView[];
  createdAt: string;
  can: { addItems: boolean };
}

/**
 * What residents of a covered estate see: the date and the estate's agreed items with their states; no names, no
 * minutes. `communityName` is the resident's estate; `estates` counts the estates the meeting covered.
 */
export interface MeetingSummary {
  id: number;
  communityName: string;
  estates: number;
  kind: MeetingKind;
  heldOn: string;
  items: { id: number; text: string; ownerParty: MeetingParty; deadline: string; state: MeetingItemState }[];
}

// ─── Referrals from the 督办 queue ────────────────────────────────────────────────────────────────────────────

/** The tiers above the office's own 督办: the estate's next joint meeting, the town's regulator, mediation. */
export const REFERRAL_TIER_LABELS = { meeting: '提交联席会', town: '上报街道（乡镇）', mediation: '转调解' } as const;
export type ReferralTier = keyof typeof REFERRAL_TIER_LABELS;
export const REFERRAL_TIERS = Object.keys(REFERRAL_TIER_LABELS) as ReferralTier[];

export interface ReferInput {
  to: ReferralTier;
  note?: string;
}

/** A ticket sent up a tier: waiting for the estate's next meeting (the form offers it as agenda), in the town's queue, or in mediation. */
export interface ReferralView {
  id: number;
  escalationId: number;
  ticketId: number;
  communityId: number;
  to: ReferralTier;
  /** The ticket as the office reads it: category and the description, masked. */
  subject: string;
  note: string | null;
  meetingId: number | null;
  /** to: 'mediation': the mediation record it opened. */
  mediationId: number | null;
  communityName: string;
  createdAt: string;
}

// ─── Mediation (三官一律 驻点, 人民调解) ──────────────────────────────────────────────────────────────────────────

export const MEDIATOR_ROLE_LABELS = { judge: '法官', prosecutor: '检察官', police: '警官', lawyer: '律师', mediator: '人民调解员' } as const;
export type MediatorRole = keyof typeof MEDIATOR_ROLE_LABELS;
export const MEDIATOR_ROLES = Object.keys(MEDIATOR_ROLE_LABELS) as MediatorRole[];

/** A dispute's outcome, apart from the ticket's state: 化解, 未化解, 诉调对接 (handed to the court's mediation). */
export const MEDIATION_OUTCOME_LABELS = { resolved: '化解', unresolved: '未化解', litigation: '诉调对接' } as const;
export type MediationOutcome = keyof typeof MEDIATION_OUTCOME_LABELS;
export const MEDIATION_OUTCOMES = Object.keys(MEDIATION_OUTCOME_LABELS) as MediationOutcome[];

export const MEDIATION_PARTIES_MAX = 10;
export const MEDIATORS_MAX = 10;

export interface Mediator {
  role: MediatorRole;
  name: string;
}

/** A party to the dispute: named in full to the office only; masked (张**) for everyone else. */
export interface MediationParty {
  name: string;
  /** How they stand in it: 业主, 物业服务企业, 业委会… */
  standing: string;
}

export interface CreateMediationInput {
  communityId: number;
  subject: string;
  parties: MediationParty[];
  ticketId?: number | null;
}

export interface MediationOutcomeInput {
  outcome: MediationOutcome;
  /** YYYY-MM-DD, not in the future. */
  mediatedOn: string;
  mediators: Mediator[];
  /** The parties, when the referral opened the record without them. */
  parties?: MediationParty[];
  note?: string;
  /** The signed agreement (调解协议书) as a PDF voucher: required when the dispute was resolved. */
  agreementUploadId?: number | null;
}

export interface MediationView {
  id: number;
  communityId: number;
  communityName: string;
  ticketId: number | null;
  subject: string;
  parties: MediationParty[];
  /** Whether the parties' names are shown in full (the office's own record) or masked. */
  partiesMasked: boolean;
  mediators: Mediator[];
  outcome: MediationOutcome | null;
  mediatedOn: string | null;
  note: string | null;
  agreement: PhotoView | null;
  createdAt: string;
  can: { recordOutcome: boolean };
}

// ─── Liaison leaders (挂钩领导) ──────────────────────────────────────────────────────────────────────────────

/**
 * A quarter's attendance of an estate: met (a meeting with its liaison leader present), due (the quarter is still
 * running), overdue (it ended without one) — as disclosure compliance is.
 */
export const ATTENDANCE_STATUS_LABELS = { met: '已列席', due: '待召开', overdue: '逾期未列席' } as const;
export type AttendanceStatus = keyof typeof ATTENDANCE_STATUS_LABELS;

export interface LiaisonInput {
  communityId: number;
  /** The leader, as they sign the sheet: 王建国. */
  name: string;
  /** 县住建局副局长. */
  title: string;
}

export interface LiaisonView {
  id: number;
  communityId: number;
  communityName: string;
  name: string;
  title: string;
  since: string;
}

export interface AttendanceRow {
  communityId: number;
  communityName: string;
  liaison: { name: string; title: string } | null;
  status: AttendanceStatus | null;
  /** The meeting the leader attended, when met. */
  meetingId: number | null;
}

export interface AttendanceCompliance {
  area: { id: number; name: string };
  /** YYYY-Qn. */
  period: string;
  rows: AttendanceRow[];
  /** Whether the caller assigns leaders to these estates (the county's regulator). */
  canAssign: boolean;
}

// ─── Statistics ───────────────────────────────────────────────────────────────────────────────────────────────

/** The county's three figures: meetings held, items agreed (and how far they got), disputes taken and resolved. */
export interface MeetingFigures {
  meetings: number;
  itemsAgreed: number;
  /** Reported done (verified ones included). */
  itemsDone: number;
  itemsVerified: number;
  disputesTaken: number;
  /** Mediations whose outcome is 化解. */
  disputesResolved: number;
}

export interface MeetingStats {
  area: { id: number; name: string };
  period: string;
  from: string;
  to: string;
  total: MeetingFigures;
  communities: ({ id: number; name: string } & MeetingFigures)[];
}
