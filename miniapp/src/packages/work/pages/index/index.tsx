import AreaPlaceholder from '../../../../components/AreaPlaceholder';

export default function WorkHome() {
  return <AreaPlaceholder title="物业工作台" purpose="物业人员在这里受理、转办和反馈工单，起草公示。" />;
}
