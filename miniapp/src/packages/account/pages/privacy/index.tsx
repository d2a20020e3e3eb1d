import { View } from '@tarojs/components';
import { PRIVACY_PURPOSES } from '../../../../components/PrivacyDialog';
import './index.scss';

/** What each guarded item is used for, beyond the dialog's one line: how it is kept and who sees it. */
const HANDLING: Record<string, string> = {
  照片和文件: '照片上传后重新压缩，并去除拍摄地点、设备等附带信息（EXIF）。公共区域报事的照片对本小区居民可见；凭证只随公示展示。',
  位置: '只保存您选定地点的名称和坐标，随报事一起交给物业处理；我们不在后台获取您的位置。',
  手机号: '加密保存；物业和其他人只能看到打码后的号码（如 138****1234）。不绑定也可以使用所有功能。',
  剪贴板: '只写入邀请码，不读取剪贴板里的内容。',
  扫码: '只读取二维码中巡检点的编号，不保存拍到的画面。',
  拨打电话: '只拨出您点的号码，不读取通讯录和通话记录；员工查看业主的完整号码会记入操作日志。',
};

/** 物业通隐私保护指引, in the app: linked from the privacy dialog; the admin console's guide says the same. */
export default function PrivacyGuide() {
  return (
    <View className="page privacy-guide-page">
      <View className="card">
        <View className="card-title">物业通隐私保护指引</View>
        <View className="privacy-guide-text">
          物业通帮助您报事报修、查看小区公示、参与业委会审核。我们只收集这些功能需要的信息，只在您使用对应功能时收集，并在微信询问时请您同意。
        </View>
      </View>

      <View className="card">
        <View className="card-title">我们使用的信息和用途</View>
        <View className="privacy-guide-item">
          <View className="privacy-guide-name">微信登录</View>
          <View className="privacy-guide-text">用微信提供的用户标识识别您的账户，不获取您的微信昵称和头像。</View>
        </View>
        {PRIVACY_PURPOSES.map(({ item, why }) => (
          <View key={item} className="privacy-guide-item">
            <View className="privacy-guide-name">{item}</View>
            <View className="privacy-guide-text">{why}</View>
            <View className="privacy-guide-text muted">{HANDLING[item]}</View>
          </View>
        ))}
        <View className="privacy-guide-item">
          <View className="privacy-guide-name">您填写的内容</View>
          <View className="privacy-guide-text">报事描述、评价、质询，以及绑定房屋时填写的房号和备注，用于处理您的事项。</View>
        </View>
      </View>

      <View className="card">
        <View className="card-title">谁能看到</View>
        <View className="privacy-guide-text">
          您的姓名、电话和房号不会出现在其他居民能看到或公开发布的内容里：公共区域的报事和质询只显示“3栋业主”这样的称呼。
          处理您报事的物业项目经理和工作人员、审核账目的业委会、督办的社区和主管部门，按各自职责查看需要的信息。
        </View>
      </View>

      <View className="card">
        <View className="card-title">您的选择</View>
        <View className="privacy-guide-text">
          拒绝授权不影响浏览公示和小区名录，只是用不了对应功能。已授权的位置等权限，可在小程序右上角“···”→“设置”中关闭；在“我的”中可以修改称呼、解除房屋绑定、退出登录。
        </View>
      </View>
    </View>
  );
}
