import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { DISCLOSURE_STATE_LABELS, shanghaiDate, type DisclosureView } from '@wuye/contracts';

/** 版本记录: every version, newest first; a correction carries its reason; tap to open that version (hashes: 如何核验). */
export default function VersionList({ view, pageUrl }: { view: Pick<DisclosureView, 'id' | 'versions'>; pageUrl: string }) {
  if (view.versions.length === 0) return null;
  return (
    <View className="card versions">
      <View className="card-title">版本记录</View>
      {view.versions.map((version) => (
        <View
          key={version.id}
          className={`version-row${version.id === view.id ? ' version-current' : ''}`}
          onClick={() => {
            if (version.id !== view.id) void Taro.navigateTo({ url: `${pageUrl}?id=${version.id}` });
          }}
        >
          <View className="version-head">
            <Text className="version-number">第 {version.version} 版</Text>
            <Text className={`badge badge-state-${version.state} version-state`}>{DISCLOSURE_STATE_LABELS[version.state]}</Text>
            {version.id === view.id ? <Text className="muted version-here">（当前查看）</Text> : <Text className="link-arrow">›</Text>}
          </View>
          {version.publishedAt ? <View className="muted">公示于 {shanghaiDate(version.publishedAt)}</View> : null}
          {version.correctionReason ? <View className="version-reason wrap-text">更正原因：{version.correctionReason}</View> : null}
        </View>
      ))}
    </View>
  );
}
