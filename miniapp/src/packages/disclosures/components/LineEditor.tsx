import { Button, Input, Text, View } from '@tarojs/components';
import { DISCLOSURE_LINE_KINDS, fieldLabelWithUnit, lineKindSchema, type DisclosureType, type LineFieldKind, type LineKind } from '@wuye/contracts';
import { LINE_ITEM_EXAMPLES } from '../lib/examples';
import ChoiceChips from '../../../components/ChoiceChips';
import type { LineDraft } from '../lib/lines';
import { displayFen, parseYuanInput } from '../lib/money';
import VoucherPicker from './VoucherPicker';
import Vouchers from './Vouchers';

const INPUT_TYPES: Record<LineFieldKind, 'text' | 'digit' | 'number'> = {
  text: 'text',
  choice: 'text',
  fen: 'digit',
  area: 'digit',
  count: 'number',
  quantity: 'digit',
  date: 'text',
  vote: 'text',
};

/** One line in the draft editor: kind, item, amount in yuan (shown back as ¥), the kind's fields, vouchers. */
export default function LineEditor({
  type,
  index,
  line,
  problem,
  votes = [],
  onChange,
  onRemove,
}: {
  type: DisclosureType;
  index: number;
  line: LineDraft;
  problem?: string;
  /** A 'vote' field's choices: the estate's closed votes it may cite (使用维修资金). */
  votes?: readonly { id: number; title: string }[];
  /** Updates are functions of the latest line: several vouchers may arrive one after another. */
  onChange: (update: (line: LineDraft) => LineDraft) => void;
  onRemove: () => void;
}) {
  const kinds = DISCLOSURE_LINE_KINDS[type];
  const schema = lineKindSchema(line.kind);
  const amountLabel = schema?.amountLabel ?? null;
  const parsed = parseYuanInput(line.amountYuan);
  const setField = (name: string, value: string) => onChange((l) => ({ ...l, fields: { ...l.fields, [name]: value } }));

  return (
    <View className="card line-editor" data-line={index + 1}>
      <View className="line-head">
        <Text className="line-number">第 {index + 1} 项</Text>
      </View>
      {kinds.length > 1 ? (
        <View className="field">
          <View className="field-label">类别</View>
          <ChoiceChips
            className="line-kinds"
            itemClassName="line-kind-choice"
            items={kinds}
            labelOf={(k) => lineKindSchema(k)?.label ?? k}
            chosen={line.kind}
            onChoose={(k) => onChange((l) => ({ ...l, kind: k, fields: {} }))}
          />
        </View>
      ) : null}
      <View className="field">
        <View className="field-label">项目名称</View>
        <Input className="input line-item-input" value={line.item} maxlength={200} placeholder={LINE_ITEM_EXAMPLES[line.kind as LineKind] ?? '例如：电梯年度维保'} onInput={(e) => onChange((l) => ({ ...l, item: e.detail.value }))} />
      </View>
      {amountLabel !== null ? (
        <View className="field">
          <View className="field-label">{amountLabel}（元）</View>
          <Input className="input line-amount-input" type="digit" value={line.amountYuan} placeholder="例如 1234.56" onInput={(e) => onChange((l) => ({ ...l, amountYuan: e.detail.value }))} />
          {line.amountYuan.trim() !== '' ? (
            <View className={parsed.error === null ? 'field-hint line-amount-echo' : 'form-error line-amount-error'}>{parsed.error === null ? `即 ${displayFen(parsed.fen)}` : parsed.error}</View>
          ) : null}
        </View>
      ) : null}
      {(schema?.fields ?? []).map((spec) => (
        <View key={spec.name} className={`field line-field line-field-${spec.name}`}>
          <View className="field-label">
            {fieldLabelWithUnit(spec)}
            {spec.required ? '' : '（选填）'}
          </View>
          {spec.kind === 'vote' ? (
            votes.length ? (
              <ChoiceChips
                className={`line-choices line-votes line-choices-${spec.name}`}
                itemClassName="line-choice line-vote-choice"
                items={votes}
                keyOf={(v) => String(v.id)}
                labelOf={(v) => v.title}
                isSelected={(v) => String(v.id) === line.fields[spec.name]}
                onChoose={(v) => setField(spec.name, String(v.id))}
              />
            ) : (
              <View className="field-hint line-no-votes">本小区还没有已结束的「使用维修资金」表决。使用维修资金须先经业主共同决定。</View>
            )
          ) : spec.kind === 'choice' && spec.choices ? (
            <ChoiceChips
              className={`line-choices line-choices-${spec.name}`}
              itemClassName="line-choice"
              items={spec.choices}
              keyOf={(c) => c.value}
              isSelected={(c) => c.value === line.fields[spec.name]}
              onChoose={(c) => setField(spec.name, c.value)}
            />
          ) : (
            <Input
              className="input line-field-input"
              type={INPUT_TYPES[spec.kind]}
              value={line.fields[spec.name] ?? ''}
              placeholder={spec.kind === 'date' ? '2026-03-15' : ''}
              onInput={(e) => setField(spec.name, e.detail.value)}
            />
          )}
        </View>
      ))}
      <View className="field">
        <View className="field-label">凭证{schema?.needsVoucher ? '（提交审核前必须上传）' : '（选填）'}</View>
        <Vouchers vouchers={line.attachments} onRemove={(v) => onChange((l) => ({ ...l, attachments: l.attachments.filter((a) => a.id !== v.id) }))} />
        <VoucherPicker taken={line.attachments.length} onUploaded={(v) => onChange((l) => ({ ...l, attachments: [...l.attachments, v] }))} />
      </View>
      {problem ? <View className="form-error line-problem">{problem}</View> : null}
      <Button className="button button-small button-danger line-remove" onClick={onRemove}>
        删除此项
      </Button>
    </View>
  );
}
