import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { WorkspaceEntry } from '../../services/workspace';

/** The workspaces of the user, the one of the current role first (marked 当前身份). */
export default function WorkspaceEntries({ entries, className }: { entries: WorkspaceEntry[]; className: string }) {
  if (entries.length === 0) return null;
  return (
    <View className={`card workspace-entries ${className}`}>
      {entries.map((entry, index) => (
        <View key={entry.key} className={`link-row workspace-entry workspace-${entry.key}`} onClick={() => void Taro.navigateTo({ url: entry.url })}>
          <View className="link-main">
            <View className="link-title">
              {entry.title}
              {index === 0 ? <Text className="badge badge-current workspace-first">常用</Text> : null}
            </View>
            <View className="muted">{entry.description}</View>
          </View>
          <Text className="link-arrow">›</Text>
        </View>
      ))}
    </View>
  );
}
