import { Organisation1764300000000 } from './1764300000000-Organisation';
import { Identity1764300000001 } from './1764300000001-Identity';
import { Invitations1764300000002 } from './1764300000002-Invitations';
import { Tickets1764300000003 } from './1764300000003-Tickets';
import { Disclosures1764300000004 } from './1764300000004-Disclosures';
import { Oversight1764300000005 } from './1764300000005-Oversight';
import { MonthlyRollups1764300000006 } from './1764300000006-MonthlyRollups';
import { TicketSources1764300000007 } from './1764300000007-TicketSources';
import { FrozenFacts1764300000008 } from './1764300000008-FrozenFacts';
import { ExactIdempotencyKeys1764300000009 } from './1764300000009-ExactIdempotencyKeys';
import { UploadLimits1764300000010 } from './1764300000010-UploadLimits';
import { StarRatingVersions1764300018000 } from './1764300018000-StarRatingVersions';
import { ShareCards1764300026000 } from './1764300026000-ShareCards';
import { PatrolPlanVersions1764300026100 } from './1764300026100-PatrolPlanVersions';
import { RectificationNotices1764300026200 } from './1764300026200-RectificationNotices';
import { MeetingItemBatches1764300026300 } from './1764300026300-MeetingItemBatches';
import { Announcements1764300022100 } from './1764300022100-Announcements';
import { SurveysAndCommitteeEvaluations1764300022200 } from './1764300022200-SurveysAndCommitteeEvaluations';
import { PaperBallotConfirmation1764300022300 } from './1764300022300-PaperBallotConfirmation';
import { DeadlineFloors1764300018001 } from './1764300018001-DeadlineFloors';
import { Open311Requests1764300019100 } from './1764300019100-Open311Requests';
import { TicketChannels1764300019200 } from './1764300019200-TicketChannels';
import { ProxyIdempotency1764300019201 } from './1764300019201-ProxyIdempotency';
import { Inspections1764300020000 } from './1764300020000-Inspections';
import { Patrols1764300020001 } from './1764300020001-Patrols';
import { Meetings1764300021000 } from './1764300021000-Meetings';
import { Mediations1764300021001 } from './1764300021001-Mediations';
import { MeetingEstates1764300021100 } from './1764300021100-MeetingEstates';
import { Votes1764300022000 } from './1764300022000-Votes';
import { NotificationTargets1764300023000 } from './1764300023000-NotificationTargets';

/** In order. The same migrations run on SQLite and on MySQL/MariaDB. */
export const MIGRATIONS = [
  Organisation1764300000000,
  Identity1764300000001,
  Invitations1764300000002,
  Tickets1764300000003,
  Disclosures1764300000004,
  Oversight1764300000005,
  MonthlyRollups1764300000006,
  TicketSources1764300000007,
  FrozenFacts1764300000008,
  ExactIdempotencyKeys1764300000009,
  UploadLimits1764300000010,
  StarRatingVersions1764300018000,
  DeadlineFloors1764300018001,
  Open311Requests1764300019100,
  TicketChannels1764300019200,
  ProxyIdempotency1764300019201,
  Inspections1764300020000,
  Patrols1764300020001,
  Meetings1764300021000,
  Mediations1764300021001,
  MeetingEstates1764300021100,
  Votes1764300022000,
  Announcements1764300022100,
  SurveysAndCommitteeEvaluations1764300022200,
  PaperBallotConfirmation1764300022300,
  NotificationTargets1764300023000,
  ShareCards1764300026000,
  PatrolPlanVersions1764300026100,
  RectificationNotices1764300026200,
  MeetingItemBatches1764300026300,
];
