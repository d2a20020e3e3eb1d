import { DISCLOSURE_TYPE_LABELS, type DisclosureType } from './disclosures';
import { INSPECTION_KIND_LABELS, type InspectionKind } from './inspections';
import { TICKET_KIND_LABELS, type TicketKind } from './tickets';
import { VOTE_MATTER_LABELS, type VoteMatter } from './votes';
import { periodLabel } from './time';

/**
 * Share cards (业主监督群): the records an estate talks about, sent to its owners' WeChat group. A card carries
 * the record's id and a title made from the record, never a name, phone, room or reporter.
 */
export const SHARE_CARD_KINDS = ['disclosure', 'ticket', 'inspection', 'standing', 'vote', 'announcement'] as const;
export type ShareCardKind = (typeof SHARE_CARD_KINDS)[number];
/** standing: an estate's star rating and its company's credit (the card's id is the estate's). */
export const SHARE_CARD_KIND_LABELS: Record<ShareCardKind, string> = { disclosure: '公示', ticket: '小区报事', inspection: '检查结果', standing: '星级评定和物业企业信用', vote: '表决结果', announcement: '小区公告' };

/** What anyone signed in may learn of a shared record: what it is and the estate, and whether they may open it. */
export interface ShareCard {
  kind: ShareCardKind;
  id: number;
  title: string;
  communityId: number;
  communityName: string;
  /** The caller may read the record itself (bound owner of the estate, the estate's staff, its office, regulators). */
  canOpen: boolean;
}

/** wx.getGroupEnterInfo's (or getShareInfo's) encrypted answer, passed on untouched. */
export interface GroupEnterInput {
  encryptedData: string;
  iv: string;
}

/** recorded: the opening was counted for its group; false when the card was opened outside a group chat. */
export interface GroupEnterResult {
  recorded: boolean;
}

/** Per estate: the owners' groups its disclosures reached and how often they were opened from a group. */
export interface ShareReach {
  groups: number;
  openings: number;
}

/** "锦绣花园 2026年第3季度公共收益公示" */
export const disclosureCardTitle = (communityName: string, type: DisclosureType, period: string) =>
  `${communityName} ${periodLabel(period)}${DISCLOSURE_TYPE_LABELS[type]}公示`;

/** "锦绣花园 电梯报修" — the category and kind only; the description is the reporter's text and stays out. */
export const ticketCardTitle = (communityName: string, categoryName: string, kind: TicketKind) => `${communityName} ${categoryName}${TICKET_KIND_LABELS[kind]}`;

/** "锦绣花园 2026年11月20日季度抽查结果" */
export const inspectionCardTitle = (communityName: string, inspectedOn: string, kind: InspectionKind) =>
  `${communityName} ${Number(inspectedOn.slice(0, 4))}年${Number(inspectedOn.slice(5, 7))}月${Number(inspectedOn.slice(8, 10))}日${INSPECTION_KIND_LABELS[kind]}结果`;

/** "锦绣花园 星级评定和物业企业信用" */
export const standingCardTitle = (communityName: string) => `${communityName} ${SHARE_CARD_KIND_LABELS.standing}`;

/** "锦绣花园 业主共同决定结果：调整物业费" — the matter's kind only; the chair's title and text stay out. */
export const voteCardTitle = (communityName: string, matter: VoteMatter) => `${communityName} 业主共同决定结果：${VOTE_MATTER_LABELS[matter]}`;
