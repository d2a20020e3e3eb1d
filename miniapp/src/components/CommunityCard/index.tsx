import { Text, View } from '@tarojs/components';
import type { DirectoryCommunity } from '@wuye/contracts';
import './index.scss';

/** One estate of the public directory. Class names are stable hooks for the H5 browser tests. */
export default function CommunityCard({ community }: { community: DirectoryCommunity }) {
  const place = [community.townName, community.areaName].filter(Boolean).join(' · ');
  return (
    <View className="community-card">
      <View className="community-name">{community.name}</View>
      {community.address ? <View className="community-address">{community.address}</View> : null}
      <View className="community-row">
        <Text className="community-label">镇/社区</Text>
        <Text className="community-area">{place}</Text>
      </View>
      <View className="community-row">
        <Text className="community-label">物业</Text>
        <Text className="community-company">{community.companyName ?? '暂无物业'}</Text>
      </View>
    </View>
  );
}
