import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { shanghaiDate, shanghaiDateTime, type QuestionView } from '@wuye/contracts';

/**
 * A resident's question (asker masked by the server, e.g. "3栋业主"), the property company's answer, and what a joint
 * meeting made of it when one took it up.
 */
export default function QuestionEntry({ question, children }: { question: QuestionView; children?: ReactNode }) {
  return (
    <View className={`question-entry${question.answer ? ' question-answered' : ' question-open'}`} data-question-id={question.id}>
      <View className="entry-who">
        {question.asker} · {shanghaiDateTime(question.createdAt)}
        {question.overdue ? <Text className="badge badge-overdue question-overdue"> 逾期未答</Text> : null}
      </View>
      <View className="wrap-text question-text">{question.text}</View>
      {question.answer ? (
        <View className="entry-answer question-answer wrap-text">物业回复：{question.answer}</View>
      ) : (
        <View className="muted question-waiting">等待物业回复（{shanghaiDate(question.dueAt)} 前）</View>
      )}
      {question.meetingNote ? <View className="muted question-meeting wrap-text">{question.meetingNote}</View> : null}
      {children}
    </View>
  );
}
