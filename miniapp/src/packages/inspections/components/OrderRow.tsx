import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { INSPECTION_SECTION_LABELS, RECTIFICATION_STATE_LABELS, shanghaiDateTime, type RectificationSummary } from '@wuye/contracts';
import { rectificationPage } from '../../../routes';

/** One 整改单 in a list: estate, item, state, deadline, 逾期 when it went past it; opens the order. */
export default function OrderRow({ order }: { order: RectificationSummary }) {
  return (
    <View className="insp-row insp-order" onClick={() => void Taro.navigateTo({ url: rectificationPage(order.id) })}>
      <View className="insp-row-main">
        <View className="insp-row-title wrap-text">
          {order.communityName} · {INSPECTION_SECTION_LABELS[order.section]}
          <Text className={`badge badge-${order.state} insp-order-state`}>{RECTIFICATION_STATE_LABELS[order.state]}</Text>
          {order.overdueAt && order.state !== 'verified' ? <Text className="badge badge-rejected insp-overdue">逾期</Text> : null}
        </View>
        <View className="wrap-text">{order.itemText}</View>
        <View className="insp-facts">
          <Text>{order.companyName}</Text>
          <Text>整改期限 {shanghaiDateTime(order.deadlineAt)}</Text>
        </View>
      </View>
      <Text className="link-arrow">›</Text>
    </View>
  );
}
