import type { Role } from '@wuye/contracts';

/**
 * Who may do what: one table, used by the access guard (may this role call the route at all?), by the services
 * (in which communities?), by the authorization-matrix test and by the API docs.
 * A grant counts only inside its own scope; the scope filter is applied by the services on every query.
 */
export const POLICIES = {
  /** Create and change areas, companies, communities, service contracts. */
  'org.admin': ['platform_admin'],
  /** See the communities of one's scope (management view, not the public directory). */
  'community.read': [
    'platform_admin',
    'regulator',
    'community_office',
    'company_admin',
    'manager',
    'staff',
    'committee',
    'committee_chair',
    'resident',
  ],
  /** See buildings and houses with their areas. */
  'houses.read': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'manager', 'staff', 'committee', 'committee_chair'],
  /** Create buildings and houses, import them in bulk. */
  'houses.manage': ['platform_admin', 'company_admin', 'manager'],
  /** See service contracts. */
  'contracts.read': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'committee', 'committee_chair'],
  /** Approve or reject house bindings, remove a resident from a house (never one's own request: BindingsService). */
  'bindings.review': ['platform_admin', 'manager', 'committee', 'committee_chair'],
  /** Decide an owner request for a house that already has an approved owner (the estate's reviewers may not). */
  'bindings.arbitrate': ['platform_admin', 'community_office'],
  /** Issue invitations and revoke roles (which roles, where: RolesService.mayGrant). */
  'roles.manage': ['platform_admin', 'company_admin', 'community_office'],
  /** Appoint and revoke the owners' committee of the estates of one's community office. */
  'roles.committee': ['platform_admin', 'community_office'],
  /** Disable an account (its sessions end at once) or enable it again. */
  'users.disable': ['platform_admin'],
  /** Read the audit log (company admins: their company and the estates it serves). */
  'audit.read': ['platform_admin', 'company_admin'],
  /** Upload a photo or a voucher: anyone with a role or an approved house binding (not a bare sign-in). */
  'uploads.create': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'manager', 'staff', 'committee', 'committee_chair', 'resident'],
  /** Report a problem (随手拍) in an estate. */
  'tickets.report': ['resident', 'staff', 'manager', 'committee', 'committee_chair'],
  /** See tickets of an estate (what exactly: TicketsService.viewerLevel). */
  'tickets.read': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'manager', 'staff', 'committee', 'committee_chair', 'resident'],
  /** Triage: accept, reject, assign; the estate's inbox. */
  'tickets.handle': ['platform_admin', 'manager'],
  /** File a ticket on a caller's behalf (代报: 12345, 信访, 来访, 电话, 物业投诉直通车, an inspection). */
  'tickets.file_for': ['platform_admin', 'manager', 'staff', 'community_office'],
  /** Record return visits (回访) and reveal the number to call (audited). */
  'tickets.visit': ['platform_admin', 'manager', 'community_office'],
  /** Work on tickets assigned to one. */
  'tickets.work': ['staff', 'manager'],
  /** See everything about an estate's tickets, reporters included (the property side). */
  'tickets.property': ['platform_admin', 'company_admin', 'manager', 'staff'],
  /** Change an estate's ticket categories and deadlines (within the county's floors). */
  'categories.manage': ['platform_admin', 'manager'],
  /** Set a county's deadline floors (county regulators: the county must be theirs). */
  'floors.manage': ['platform_admin', 'regulator'],
  /** Read published disclosures of an estate. */
  'disclosures.read': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'manager', 'staff', 'committee', 'committee_chair', 'resident'],
  /** See drafts and disclosures in review, with the committee's comments. */
  'disclosures.internal': ['platform_admin', 'company_admin', 'manager', 'committee', 'committee_chair'],
  /** Draft, submit, revise and correct disclosures; answer queries and questions (the property side). */
  'disclosures.write': ['platform_admin', 'manager'],
  /** Approve or query disclosures line by line (业账社审). */
  'disclosures.review': ['committee', 'committee_chair'],
  /** Sign a reviewed disclosure off for publication. */
  'disclosures.signoff': ['committee_chair'],
  /** Ask a question (质询) on a published disclosure. */
  'disclosures.ask': ['resident', 'committee', 'committee_chair'],
  /** Oversee disclosure compliance and unanswered questions. */
  'disclosures.oversee': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'manager', 'committee', 'committee_chair'],
  /** Set an estate's question-answer deadline. */
  'disclosures.settings': ['platform_admin', 'community_office', 'committee_chair'],
  /** See an estate's votes once open, their turnout and published results (drafts: VotesService.get). */
  'votes.read': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'manager', 'staff', 'committee', 'committee_chair', 'resident'],
  /** Draft a matter for the owners' vote, submit it, withdraw it (业委会主任). */
  'votes.draft': ['committee_chair'],
  /** Approve opening a vote, or send it back (社区（村）). */
  'votes.approve': ['community_office'],
  /** Enter a paper ballot with its photo. */
  'votes.paper': ['committee', 'committee_chair'],
  /** End a vote whose window has ended (the scheduler does it too) and publish its result. */
  'votes.close': ['committee_chair', 'community_office'],
  /** Statistics across estates, the 督办 queue, ratings and credit records (offices and regulators). */
  'oversight.read': ['platform_admin', 'regulator', 'community_office'],
  /** Comment on, set deadlines for, and close escalations (督办). */
  'escalations.handle': ['platform_admin', 'community_office'],
  /** Rate estates (星级评定) and record credit events. */
  'ratings.write': ['platform_admin', 'regulator'],
  /** Keep the checklist templates of an area (regulators: the area must be theirs). */
  'inspections.templates': ['platform_admin', 'regulator'],
  /** Inspect estates (季度抽查, 联合检查, 投诉溯源), then verify (销号) or return the rectification orders issued. */
  'inspections.write': ['platform_admin', 'regulator', 'community_office'],
  /** Read inspections and rectification orders in full (the property side: only those addressed to its company). */
  'inspections.read': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'manager'],
  /** Reply to a rectification order of one's estate with what was done (text and photos). */
  'rectifications.reply': ['manager'],
  /** See an estate's check points, patrol plans and checks, its hazard register and missed patrols. */
  'patrols.read': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'manager', 'staff'],
  /** Define check points and patrol plans (the project manager). */
  'patrols.manage': ['platform_admin', 'manager'],
  /** Record a check of a point on patrol. */
  'patrols.check': ['staff', 'manager'],
  /** Record joint meetings (四方联席会) of an estate with their agreed items, verify or return the items, refer 督办 to them. */
  'meetings.write': ['platform_admin', 'regulator', 'community_office'],
  /** Read an estate's meetings in full: attendees, minutes, agreed items (the parties at the table). */
  'meetings.read': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'manager', 'committee', 'committee_chair'],
  /** Assign liaison leaders (挂钩领导) to estates (regulators: only a county's, for estates of their county). */
  'liaisons.manage': ['platform_admin', 'regulator'],
  /** Read an estate's announcements (公告). */
  'announcements.read': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'manager', 'staff', 'committee', 'committee_chair', 'resident'],
  /** Post and withdraw announcements to an estate: its manager, its owners' committee, its community office. */
  'announcements.post': ['manager', 'committee', 'committee_chair', 'community_office'],
  /** See the satisfaction surveys (满意度测评) covering one's estates and their results per estate (never single answers). */
  'surveys.read': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'manager', 'staff', 'committee', 'committee_chair', 'resident'],
  /** Launch a yearly satisfaction survey for an area (regulators: the area must be theirs). */
  'surveys.launch': ['platform_admin', 'regulator'],
  /** Answer a survey for one's verified house. */
  'surveys.answer': ['resident'],
  /** See an estate's committee evaluation (业委会履职考评): its grade, comment and indicators. */
  'evaluations.read': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'manager', 'staff', 'committee', 'committee_chair', 'resident'],
  /** Record or change the committee evaluation of an estate (its community office). */
  'evaluations.write': ['platform_admin', 'community_office'],
  /** Ticket statistics of an estate. */
  'stats.read': ['platform_admin', 'regulator', 'community_office', 'company_admin', 'manager', 'committee', 'committee_chair'],
} as const satisfies Record<string, readonly Role[]>;

export type Policy = keyof typeof POLICIES;

/**
 * 职责分离: the two sides of an estate. Nobody holds a role of each in the same estate (company admins stand on the
 * property side of every estate their company serves); RolesService refuses the pair and lists any that exist.
 */
export const DUTY_SIDES = {
  property: ['staff', 'manager', 'company_admin'],
  committee: ['committee', 'committee_chair'],
} as const satisfies Record<string, readonly Role[]>;
export type DutySide = keyof typeof DUTY_SIDES;

/** The sides that speak for an estate (an announcement is posted for one): the two of DUTY_SIDES and its community office. */
export const ESTATE_SIDES = { ...DUTY_SIDES, office: ['community_office'] } as const satisfies Record<string, readonly Role[]>;
export type EstateSide = keyof typeof ESTATE_SIDES;
