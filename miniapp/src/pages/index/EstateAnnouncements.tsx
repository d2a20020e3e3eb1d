import { useCallback } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRemote } from '../../hooks/useRemote';
import { announcementPage } from '../../routes';
import { listAnnouncements } from '../../services/announcements';

/** A few on the home card; the API gives the current ones only, pinned first, then newest. */
const SHOWN = 5;

/**
 * 小区公告 first on a resident's home page: the estate's current announcements (expired and withdrawn ones are not
 * among them). Nothing at all while there are none, or when they could not be loaded (the estate card says more).
 */
export default function EstateAnnouncements({ communityId }: { communityId: number }) {
  const { data } = useRemote(useCallback(() => listAnnouncements(communityId, { limit: SHOWN }), [communityId]));
  if (!data || data.items.length === 0) return null;
  return (
    <View className="card home-announcements">
      <View className="card-title">小区公告</View>
      {data.items.map((a) => (
        <View key={a.id} className="link-row home-announcement" onClick={() => void Taro.navigateTo({ url: announcementPage(a.id) })}>
          <View className="link-main">
            {a.pinned ? <Text className="badge badge-pending home-announcement-pin">置顶</Text> : null}
            {a.title}
          </View>
          <Text className="link-arrow">›</Text>
        </View>
      ))}
    </View>
  );
}
