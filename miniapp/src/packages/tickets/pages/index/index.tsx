import AreaPlaceholder from '../../../../components/AreaPlaceholder';

export default function TicketsHome() {
  return <AreaPlaceholder title="随手拍" purpose="在这里报修、投诉、提建议，拍照上报小区里的问题，并跟进处理进度。" />;
}
