import AreaPlaceholder from '../../../../components/AreaPlaceholder';

export default function DisclosuresHome() {
  return <AreaPlaceholder title="小区公示" purpose="在这里查看物业费收缴、公共收益、公摊费用和维保支出等公示。" />;
}
