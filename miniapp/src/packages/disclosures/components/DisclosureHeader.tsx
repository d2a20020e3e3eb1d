import { Text, View } from '@tarojs/components';
import { DISCLOSURE_STATE_LABELS, DISCLOSURE_TYPE_LABELS, periodLabel, shanghaiDate, type DisclosureView } from '@wuye/contracts';

/** The header of a disclosure: what, for when, its state and version, and how long it stays on the board. */
export default function DisclosureHeader({ view }: { view: DisclosureView }) {
  return (
    <View className="card detail-head">
      <View className="card-title wrap-text detail-title">{view.title}</View>
      <View className="summary-meta">
        <Text className="badge badge-kind">{DISCLOSURE_TYPE_LABELS[view.type]}</Text>
        <Text className="muted detail-period">{periodLabel(view.period)}</Text>
        <Text className={`badge badge-state-${view.state} detail-state`}>{DISCLOSURE_STATE_LABELS[view.state]}</Text>
        <Text className="muted detail-version">第 {view.version} 版</Text>
      </View>
      {view.publishedAt ? (
        <View className="muted detail-published">
          {shanghaiDate(view.publishedAt)} 公示{view.boardUntil ? `，公告栏展示至 ${shanghaiDate(view.boardUntil)}，长期可查` : ''}
        </View>
      ) : null}
      {view.content.note ? <View className="detail-note wrap-text">说明：{view.content.note}</View> : null}
      {view.content.basis ? <View className="detail-note wrap-text">定价依据：{view.content.basis}</View> : null}
      {view.content.serviceGrade ? <View className="detail-note wrap-text">服务等级：{view.content.serviceGrade}</View> : null}
      {view.content.effectiveDate ? <View className="detail-note">生效日期：{view.content.effectiveDate}</View> : null}
    </View>
  );
}

