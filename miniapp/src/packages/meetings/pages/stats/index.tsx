import type { MeetingFigures } from '@wuye/contracts';
import AreaStatsPage, { type Fact } from '../../../../components/AreaStats';
import { MEETING_STATS_PAGE } from '../../../../routes';
import { downloadMeetingStats, getMeetingStats } from '../../../../services/meetings';
import '../../meetings.scss';

const facts = (f: MeetingFigures): Fact[] => [
  { text: `召开会议 ${f.meetings} 场` },
  { text: `议定 ${f.itemsAgreed} 项` },
  { text: `已落实 ${f.itemsDone}` },
  { text: `已核验 ${f.itemsVerified}` },
  { text: `受理纠纷 ${f.disputesTaken}` },
  { text: `化解 ${f.disputesResolved}` },
];

/** 联席会议统计 (offices, regulators): the county's three figures per estate of their area in a period; as .xlsx. */
export default function MeetingStatsPage() {
  return <AreaStatsPage title="联席会议统计" prefix="mt" returnTo={MEETING_STATS_PAGE} load={getMeetingStats} download={downloadMeetingStats} facts={facts} />;
}
