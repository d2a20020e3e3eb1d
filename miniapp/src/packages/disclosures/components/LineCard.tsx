import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { lineKindSchema, type DisclosureLineView } from '@wuye/contracts';
import { lineFieldRows } from '../lib/lines';
import { displayFen } from '../lib/money';
import Vouchers from './Vouchers';

/** One line of a disclosure as everyone reads it: what, how much, its fields and its vouchers. */
export default function LineCard({ line, children }: { line: DisclosureLineView; children?: ReactNode }) {
  const schema = lineKindSchema(line.kind);
  const amountLabel = schema?.amountLabel ?? null;
  return (
    <View className={`card line-card line-kind-${line.kind}`} data-line-id={line.id}>
      <View className="line-head">
        <Text className="badge badge-kind line-kind">{schema?.label ?? line.kind}</Text>
        <Text className="line-item wrap-text">{line.item}</Text>
      </View>
      {amountLabel !== null ? (
        <View className="kv-row">
          <Text className="kv-label">{amountLabel}</Text>
          <Text className="kv-value line-amount">{displayFen(line.amountFen)}</Text>
        </View>
      ) : null}
      {lineFieldRows(line).map((row) => (
        <View key={row.label} className="kv-row">
          <Text className="kv-label">{row.label}</Text>
          <Text className="kv-value wrap-text">{row.text}</Text>
        </View>
      ))}
      <Vouchers vouchers={line.attachments} />
      {children}
    </View>
  );
}
