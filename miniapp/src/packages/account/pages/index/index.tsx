import AreaPlaceholder from '../../../../components/AreaPlaceholder';

export default function AccountHome() {
  return <AreaPlaceholder title="账户" purpose="在这里登录、绑定房屋。" />;
}
