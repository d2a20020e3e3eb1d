import { WechatSessionKey } from '../modules/identity/wechat-session-key.entity';
import { ShareOpen } from '../modules/sharing/share-open.entity';
import { Area } from '../modules/org/area.entity';
import { Building } from '../modules/org/building.entity';
import { Community } from '../modules/org/community.entity';
import { House } from '../modules/org/house.entity';
import { PropertyCompany } from '../modules/org/property-company.entity';
import { ServiceContract } from '../modules/org/service-contract.entity';
import { AuditEntry } from '../modules/identity/audit-entry.entity';
import { AuthSession } from '../modules/identity/auth-session.entity';
import { HouseBinding } from '../modules/identity/house-binding.entity';
import { Invitation } from '../modules/identity/invitation.entity';
import { RoleAssignment } from '../modules/identity/role-assignment.entity';
import { User } from '../modules/identity/user.entity';
import { JobLease } from '../modules/jobs/job-lease.entity';
import { Notification } from '../modules/notifications/notification.entity';
import { Escalation } from '../modules/tickets/escalation.entity';
import { Open311Client } from '../modules/tickets/open311-client.entity';
import { Open311Request } from '../modules/tickets/open311-request.entity';
import { TicketCategoryRow } from '../modules/tickets/ticket-category.entity';
import { DeadlineFloorRow } from '../modules/tickets/deadline-floor.entity';
import { TicketEvent } from '../modules/tickets/ticket-event.entity';
import { TicketFollower } from '../modules/tickets/ticket-follower.entity';
import { Ticket } from '../modules/tickets/ticket.entity';
import { Upload } from '../modules/uploads/upload.entity';
import { DisclosureLine } from '../modules/disclosures/disclosure-line.entity';
import { DisclosureQuestion } from '../modules/disclosures/disclosure-question.entity';
import { DisclosureReview } from '../modules/disclosures/disclosure-review.entity';
import { DisclosureShare } from '../modules/disclosures/disclosure-share.entity';
import { Disclosure } from '../modules/disclosures/disclosure.entity';
import { CreditEvent } from '../modules/oversight/credit-event.entity';
import { StarRating } from '../modules/oversight/star-rating.entity';
import { InspectionTemplate } from '../modules/inspections/inspection-template.entity';
import { Inspection } from '../modules/inspections/inspection.entity';
import { Rectification } from '../modules/inspections/rectification.entity';
import { RectificationEvent } from '../modules/inspections/rectification-event.entity';
import { Ballot } from '../modules/votes/ballot.entity';
import { Vote } from '../modules/votes/vote.entity';
import { VoteVoter } from '../modules/votes/vote-voter.entity';
import { PatrolCheck, PatrolPlan, PatrolPlanVersion, PatrolPoint } from '../modules/patrols/patrol.entities';
import { Announcement, AnnouncementRead } from '../modules/announcements/announcement.entity';
import { Survey, SurveyAnswer, SurveyScore } from '../modules/surveys/survey.entity';
import { CommitteeEvaluation } from '../modules/oversight/committee-evaluation.entity';
import { TicketRollup, TicketRollupMonth } from '../modules/tickets/ticket-rollup.entity';
import { Meeting } from '../modules/meetings/meeting.entity';
import { MeetingCommunity } from '../modules/meetings/meeting-community.entity';
import { MeetingItem } from '../modules/meetings/meeting-item.entity';
import { MeetingItemEvent } from '../modules/meetings/meeting-item-event.entity';
import { Referral } from '../modules/meetings/referral.entity';
import { Mediation } from '../modules/meetings/mediation.entity';
import { Liaison } from '../modules/meetings/liaison.entity';

/** Every entity, listed explicitly (no globs: what is in the schema is visible here). */
export const ENTITIES = [
  Area,
  PropertyCompany,
  Community,
  Building,
  House,
  ServiceContract,
  User,
  RoleAssignment,
  HouseBinding,
  AuthSession,
  AuditEntry,
  Invitation,
  Upload,
  TicketCategoryRow,
  Ticket,
  TicketEvent,
  TicketFollower,
  Escalation,
  Notification,
  JobLease,
  Open311Client,
  Open311Request,
  Disclosure,
  DisclosureLine,
  DisclosureReview,
  DisclosureQuestion,
  DisclosureShare,
  TicketRollup,
  TicketRollupMonth,
  StarRating,
  CreditEvent,
  DeadlineFloorRow,
  WechatSessionKey,
  ShareOpen,
  InspectionTemplate,
  Inspection,
  Rectification,
  RectificationEvent,
  Meeting,
  MeetingCommunity,
  MeetingItem,
  MeetingItemEvent,
  Referral,
  Mediation,
  Liaison,
  Vote,
  VoteVoter,
  Ballot,
  PatrolPoint,
  PatrolPlan,
  PatrolPlanVersion,
  PatrolCheck,
  Announcement,
  AnnouncementRead,
  Survey,
  SurveyAnswer,
  SurveyScore,
  CommitteeEvaluation,
];
