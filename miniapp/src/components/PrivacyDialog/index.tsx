import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PRIVACY_PAGE } from '../../routes';
import { PRIVACY_AGREE_BUTTON_ID, answerPrivacyRequest, onPrivacyRequestChange, privacyRequestPending } from '../../services/privacy';
import './index.scss';

/** Why the app asks for each item WeChat guards; the same words as the privacy guide (packages/account/pages/privacy). */
export const PRIVACY_PURPOSES: ReadonlyArray<{ item: string; why: string }> = [
  { item: '照片和文件', why: '随手拍报事、检查和巡检时附上现场照片；物业公示上传收支凭证（照片或 PDF）。' },
  { item: '位置', why: '报事时在地图上选出问题所在的地点，只在您点“选择位置”时使用。' },
  { item: '手机号', why: '绑定手机号，方便物业联系您、核实身份；只在您点“绑定手机号”时获取。' },
  { item: '剪贴板', why: '复制员工邀请码，方便发给对方。' },
  { item: '扫码', why: '巡检时扫描巡检点的二维码，只在您点“扫码巡检”时使用。' },
  { item: '拨打电话', why: '回访时拨打业主留下的电话，首页拨打小区的物业电话；只在您点“拨打”时拨出。' },
];

/**
 * 隐私保护提示: shown when a privacy API of this page waits for the resident's consent (see services/privacy).
 * Put it on every page whose code reaches one (weapp/test/privacy.spec.ts checks); it renders nothing otherwise.
 */
export default function PrivacyDialog() {
  const [open, setOpen] = useState(privacyRequestPending);
  useEffect(() => {
    const update = () => setOpen(privacyRequestPending());
    const unsubscribe = onPrivacyRequestChange(update);
    update();
    return unsubscribe;
  }, []);

  if (!open) return null;
  return (
    <View className="privacy-mask">
      <View className="privacy-dialog">
        <View className="privacy-title">隐私保护提示</View>
        <View className="privacy-intro">使用这项功能前，请您了解物业通会用到的信息和用途：</View>
        {PRIVACY_PURPOSES.map(({ item, why }) => (
          <View key={item} className="privacy-item">
            <Text className="privacy-item-name">{item}</Text>
            <Text className="privacy-item-why">{why}</Text>
          </View>
        ))}
        <View className="privacy-guide">
          详细内容请阅读
          <Text className="privacy-link" onClick={() => void Taro.navigateTo({ url: PRIVACY_PAGE })}>
            《物业通隐私保护指引》
          </Text>
        </View>
        <View className="privacy-buttons">
          <Button className="button privacy-decline" onClick={() => answerPrivacyRequest(false)}>
            拒绝
          </Button>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className="button button-primary privacy-agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answerPrivacyRequest(true)}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}
