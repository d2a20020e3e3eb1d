import type { InspectionFigures, PatrolFigures } from '@wuye/contracts';
import AreaStatsPage, { type Fact } from '../../../../components/AreaStats';
import { INSPECTION_STATS_PAGE } from '../../../../routes';
import { downloadOrdersExport, getInspectionStats } from '../../../../services/inspections';
import '../../inspections.scss';

const facts = (f: InspectionFigures & PatrolFigures): Fact[] => [
  { text: `检查 ${f.inspections} 次` },
  { text: `平均 ${f.averageScore ?? '—'} 分` },
  { text: `整改 ${f.ordersIssued} 项` },
  { text: `已销号 ${f.ordersClosed}` },
  { text: `逾期 ${f.ordersOverdue}` },
  { text: `漏巡 ${f.patrolsMissed}`, alert: f.patrolsMissed > 0 },
  { text: `超时或补录 ${f.patrolsLate}`, alert: f.patrolsLate > 0 },
  { text: `隐患超期 ${f.hazardsOverdue}`, alert: f.hazardsOverdue > 0 },
];

/**
 * 检查统计 (offices, regulators): per estate of their area in a period, with its patrol rounds missed in the period and
 * its hazards past their deadline now; the orders as .xlsx.
 */
export default function InspectionStatsPage() {
  return <AreaStatsPage title="检查统计" prefix="insp" returnTo={INSPECTION_STATS_PAGE} load={getInspectionStats} download={downloadOrdersExport} facts={facts} />;
}
