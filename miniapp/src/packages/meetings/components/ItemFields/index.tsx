import { Input, Picker, View } from '@tarojs/components';
import { ITEM_DAYS_MAX, MEETING_NAME_MAX, MEETING_PARTIES, MEETING_PARTY_LABELS, MEETING_TEXT_MAX, addDays, type MeetingItemInput, type MeetingParty } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import TextBox from '../../../../components/TextBox';

/** One agreed item (议定事项) as the form holds it. */
export interface ItemDraft {
  text: string;
  ownerParty: MeetingParty;
  ownerName: string;
  deadline: string;
  /** The agenda source it decides (a ticket, a question, an order: its key), if any. */
  source: string | null;
  /** Which covered estate it belongs to (null: the first). */
  communityId: number | null;
}

/** A source an item may decide: its key, its estate, what the chips show, what the API is sent. */
export interface ItemSource {
  key: string;
  communityId: number;
  label: string;
  entry: Pick<MeetingItemInput, 'ticketId' | 'questionId' | 'rectificationId'>;
}

const NO_SOURCE: ItemSource = { key: 'none', communityId: 0, label: '不关联', entry: {} };

/** The last deadline an item of a meeting held that day may have (the API refuses a later one). */
const lastDeadline = (heldOn: string) => addDays(heldOn, ITEM_DAYS_MAX);

/** A blank item, due in two weeks (or the last day allowed, for a meeting long past). */
export const newItem = (today: string, heldOn = today): ItemDraft => {
  const inTwoWeeks = addDays(today, 14);
  return { text: '', ownerParty: 'property', ownerName: '', deadline: inTwoWeeks < lastDeadline(heldOn) ? inTwoWeeks : lastDeadline(heldOn), source: null, communityId: null };
};

/** What is missing in the items, in order; null when they may be sent. `before`: items the meeting has already (numbered on). */
export function missingInItems(items: ItemDraft[], before = 0): string | null {
  for (const [i, item] of items.entries()) {
    if (!item.text.trim()) return `请填写第 ${before + i + 1} 个议定事项`;
    if (!item.ownerName.trim()) return `请填写第 ${before + i + 1} 个议定事项的责任人`;
  }
  return null;
}

/** The items as the API takes them; `several`: the meeting covers several estates, so each names its own. */
export function itemInputs(items: ItemDraft[], firstEstate: number, several: boolean, sources: ItemSource[] = []): MeetingItemInput[] {
  return items.map((i) => {
    const source = sources.find((c) => c.key === i.source)?.entry;
    return {
      text: i.text.trim(),
      ownerParty: i.ownerParty,
      ownerName: i.ownerName.trim(),
      deadline: i.deadline,
      ...(several ? { communityId: i.communityId ?? firstEstate } : {}),
      ticketId: source?.ticketId ?? undefined,
      questionId: source?.questionId ?? undefined,
      rectificationId: source?.rectificationId ?? undefined,
    };
  });
}

interface ItemFieldsProps {
  index: number;
  item: ItemDraft;
  /** The meeting's date: no deadline before it. */
  heldOn: string;
  /** The estates it may belong to (chips shown when more than one), and the one it belongs to unless chosen. */
  estates: { id: number; name: string }[];
  defaultEstate: number;
  /** The agenda sources it may decide (chips shown when any, after 不关联). */
  sources?: ItemSource[];
  onChange: (change: Partial<ItemDraft>) => void;
}

/** 第 N 项: what was agreed, the party and person who answer for it, by when, its estate and the source it decides. */
export default function ItemFields({ index, item, heldOn, estates, defaultEstate, sources = [], onChange }: ItemFieldsProps) {
  return (
    <View className="mt-item-form">
      <View className="field-label">第 {index + 1} 项</View>
      <TextBox className="mt-item-text" value={item.text} max={MEETING_TEXT_MAX} placeholder="例如：物业两周内更换3栋电梯门机" onChange={(text) => onChange({ text })} />
      <View className="field-label">责任方</View>
      <ChoiceChips className="mt-item-parties" itemClassName="mt-item-party" items={MEETING_PARTIES} labels={MEETING_PARTY_LABELS} chosen={item.ownerParty} onChoose={(ownerParty) => onChange({ ownerParty })} />
      <Input className="input mt-item-owner" value={item.ownerName} maxlength={MEETING_NAME_MAX} placeholder="责任人" onInput={(e) => onChange({ ownerName: e.detail.value })} />
      <View className="field-label">完成期限</View>
      <Picker mode="date" value={item.deadline} start={heldOn} end={lastDeadline(heldOn)} onChange={(e) => onChange({ deadline: String(e.detail.value) })}>
        <View className="input mt-item-deadline">{item.deadline}</View>
      </Picker>
      {estates.length > 1 ? (
        <View>
          <View className="field-label">所属小区</View>
          <ChoiceChips className="mt-item-estates" itemClassName="mt-item-estate" items={estates} chosen={item.communityId ?? defaultEstate} onChoose={(e) => onChange({ communityId: e.id, source: null })} />
        </View>
      ) : null}
      {sources.length > 0 ? (
        <View>
          <View className="field-label">对应的议题来源</View>
          <ChoiceChips
            className="mt-item-tickets"
            itemClassName="mt-item-ticket"
            items={[NO_SOURCE, ...sources]}
            keyOf={(c) => c.key}
            labelOf={(c) => c.label}
            isSelected={(c) => c.key === (item.source ?? 'none')}
            onChoose={(c) => onChange(c === NO_SOURCE ? { source: null } : { source: c.key, communityId: c.communityId })}
          />
        </View>
      ) : null}
    </View>
  );
}
