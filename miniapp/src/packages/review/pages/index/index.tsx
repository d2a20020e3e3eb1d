import AreaPlaceholder from '../../../../components/AreaPlaceholder';

export default function ReviewHome() {
  return <AreaPlaceholder title="业委会审核" purpose="业委会委员在这里逐项审核账目后签发公示。" />;
}
