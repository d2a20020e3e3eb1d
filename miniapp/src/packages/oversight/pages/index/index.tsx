import AreaPlaceholder from '../../../../components/AreaPlaceholder';

export default function OversightHome() {
  return <AreaPlaceholder title="监管督办" purpose="社区和主管部门在这里督办逾期工单、开展星级评定。" />;
}
