import { View } from '@tarojs/components';

type Key = string | number;

interface ChoiceChipsProps<T> {
  /** Hook for the group, e.g. 'bind-buildings'. */
  className: string;
  /** Hook for each chip, e.g. 'bind-building'. */
  itemClassName: string;
  items: readonly T[];
  /** Default: the item itself (a code), else its `key` or `id`. */
  keyOf?: (item: T) => Key;
  /** Default: `labels` of the key, else the item's `label` or `name`, else the item itself. */
  labelOf?: (item: T) => string;
  /** Labels by code, e.g. TICKET_KIND_LABELS. */
  labels?: Readonly<Record<string, string>>;
  /** The chosen item's key; or `isSelected` when the choice is not one key. */
  chosen?: Key | null;
  isSelected?: (item: T) => boolean;
  onChoose: (item: T) => void;
}

const field = (item: unknown, name: string): unknown => (typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[name] : undefined);
const defaultKey = (item: unknown): Key => (field(item, 'key') ?? field(item, 'id') ?? item) as Key;

/** A wrapping row of large tap targets, one of them chosen: estates, buildings, rooms, relations, roles. */
export default function ChoiceChips<T>({ className, itemClassName, items, keyOf = defaultKey, labelOf, labels, chosen, isSelected, onChoose }: ChoiceChipsProps<T>) {
  const label = labelOf ?? ((item: T) => labels?.[keyOf(item)] ?? String(field(item, 'label') ?? field(item, 'name') ?? item));
  const selected = isSelected ?? ((item: T) => keyOf(item) === chosen);
  return (
    <View className={`chips ${className}`}>
      {items.map((item) => (
        <View key={keyOf(item)} className={`chip ${itemClassName}${selected(item) ? ' chip-selected' : ''}`} onClick={() => onChoose(item)}>
          {label(item)}
        </View>
      ))}
    </View>
  );
}
