import { Text, View } from '@tarojs/components';

/** Label–value rows of a card; each row is `kv-row <hook>-<key>` and its value `<hook>-value`, for tests. */
export default function KvRows({ rows, hook }: { rows: { key: string; label: string; text: string }[]; hook: string }) {
  return (
    <>
      {rows.map((row) => (
        <View key={row.key} className={`kv-row ${hook}-${row.key}`}>
          <Text className="kv-label">{row.label}</Text>
          <Text className={`kv-value ${hook}-value`}>{row.text}</Text>
        </View>
      ))}
    </>
  );
}
