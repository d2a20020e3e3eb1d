import { View } from '@tarojs/components';

interface ChoiceChipsProps<T> {
  /** Hook for the group, e.g. 'bind-buildings'. */
  className: string;
  /** Hook for each chip, e.g. 'bind-building'. */
  itemClassName: string;
  items: readonly T[];
  keyOf: (item: T) => string | number;
  labelOf: (item: T) => string;
  isSelected: (item: T) => boolean;
  onChoose: (item: T) => void;
}

/** A wrapping row of large tap targets, one of them chosen: estates, buildings, rooms, relations, roles. */
export default function ChoiceChips<T>({ className, itemClassName, items, keyOf, labelOf, isSelected, onChoose }: ChoiceChipsProps<T>) {
  return (
    <View className={`chips ${className}`}>
      {items.map((item) => (
        <View key={keyOf(item)} className={`chip ${itemClassName}${isSelected(item) ? ' chip-selected' : ''}`} onClick={() => onChoose(item)}>
          {labelOf(item)}
        </View>
      ))}
    </View>
  );
}

/** The common case: things with an id and a name (estates, companies, buildings), the one chosen given by its id. */
export function NamedChips<T extends { id: number; name: string }>({
  chosenId,
  ...props
}: Pick<ChoiceChipsProps<T>, 'className' | 'itemClassName' | 'items' | 'onChoose'> & { chosenId: number | null }) {
  return <ChoiceChips {...props} keyOf={(item) => item.id} labelOf={(item) => item.name} isSelected={(item) => item.id === chosenId} />;
}
