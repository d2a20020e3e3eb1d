import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { shanghaiDateTime, type ReviewView } from '@wuye/contracts';

/** A committee member's decision on a line or the whole disclosure, and the manager's answer to a query. */
export default function ReviewEntry({ review, children }: { review: ReviewView; children?: ReactNode }) {
  return (
    <View className={`review-entry review-entry-${review.decision}`} data-review-id={review.id}>
      <View className="entry-who">
        第 {review.round} 轮 · {review.reviewer} · {shanghaiDateTime(review.createdAt)}
      </View>
      <View className="review-decision-line">
        <Text className={`badge ${review.decision === 'approve' ? 'badge-approved' : 'badge-pending'} review-decision`}>{review.decision === 'approve' ? '通过' : '质疑'}</Text>
        {review.comment ? <Text className="wrap-text review-comment"> {review.comment}</Text> : null}
      </View>
      {review.answer ? <View className="entry-answer review-answer wrap-text">物业回复：{review.answer}</View> : null}
      {review.decision === 'query' && !review.answer ? <View className="muted review-unanswered">物业尚未回复</View> : null}
      {children}
    </View>
  );
}
