import { useCallback, useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { DirectoryBuilding, DirectoryHouse } from '@wuye/contracts';
import ChoiceChips from '../ChoiceChips';
import StatusNotice from '../StatusNotice';
import { useRemote } from '../../hooks/useRemote';
import { listBuildings, listHouses } from '../../services/directory';

/** Rooms grouped by unit (单元), in the order the API lists them (floor, then number). */
function byUnit(houses: DirectoryHouse[]): { unit: string; houses: DirectoryHouse[] }[] {
  const groups = new Map<string, DirectoryHouse[]>();
  for (const house of houses) {
    const unit = house.unit ?? '';
    groups.set(unit, [...(groups.get(unit) ?? []), house]);
  }
  return [...groups].map(([unit, list]) => ({ unit, houses: list }));
}

interface HousePickerProps {
  communityId: number;
  /** Class prefix of its parts, e.g. 'bind' → bind-buildings, bind-building, bind-houses, bind-house. */
  prefix: string;
  house: DirectoryHouse | null;
  onHouse: (house: DirectoryHouse | null) => void;
  /** How the page frames each step: the building, then (once one is chosen) its rooms. */
  step: (kind: 'building' | 'house', content: ReactNode) => ReactNode;
}

/** One house of an estate: building → unit (when there are several) → room. Key it by the estate to start over. */
export default function HousePicker({ communityId, prefix, house, onHouse, step }: HousePickerProps) {
  const [building, setBuilding] = useState<DirectoryBuilding | null>(null);
  const [unit, setUnit] = useState<string | null>(null);
  const buildingId = building?.id ?? null;
  const buildings = useRemote(useCallback(() => listBuildings(communityId), [communityId]));
  // Answers for a building the user has since left are dropped (useRemote: the load changed).
  const houses = useRemote(useCallback(() => listHouses(buildingId as number), [buildingId]), { enabled: buildingId !== null });
  const chooseBuilding = (next: DirectoryBuilding | null) => {
    setBuilding(next);
    setUnit(null);
    onHouse(null);
  };
  const units = houses.phase === 'ready' && houses.data ? byUnit(houses.data) : [];
  // A building of one unit needs no unit chosen.
  const shownUnit = units.length === 1 ? units[0] : units.find((group) => group.unit === unit);

  return (
    <>
      {step(
        'building',
        <>
          {buildings.phase === 'loading' ? <View className="muted">正在加载…</View> : null}
          {buildings.phase === 'error' ? (
            <StatusNotice className={`${prefix}-buildings-error`} title="楼栋没能加载" text={buildings.errorMessage} actionText="重试" onAction={() => void buildings.reload()} />
          ) : null}
          {buildings.phase === 'ready' && buildings.data?.length === 0 ? <View className="muted">这个小区还没有录入楼栋，请联系物业。</View> : null}
          {buildings.phase === 'ready' && buildings.data ? (
            <ChoiceChips
              className={`${prefix}-buildings`}
              itemClassName={`${prefix}-building`}
              items={buildings.data}
              chosen={building?.id}
              onChoose={(item) => chooseBuilding(building?.id === item.id ? null : item)}
            />
          ) : null}
        </>,
      )}
      {building
        ? step(
            'house',
            <>
              {houses.phase === 'loading' ? <View className="muted">正在加载…</View> : null}
              {houses.phase === 'error' ? (
                <StatusNotice className={`${prefix}-houses-error`} title="房号没能加载" text={houses.errorMessage} actionText="重试" onAction={() => void houses.reload()} />
              ) : null}
              {houses.phase === 'ready' && houses.data?.length === 0 ? <View className="muted">这栋楼还没有录入房屋，请联系物业。</View> : null}
              {units.length > 1 ? (
                <ChoiceChips
                  className={`${prefix}-units`}
                  itemClassName={`${prefix}-unit`}
                  items={units}
                  keyOf={(group) => group.unit}
                  labelOf={(group) => group.unit || '其他'}
                  chosen={unit}
                  onChoose={(group) => {
                    setUnit(group.unit);
                    onHouse(null);
                  }}
                />
              ) : null}
              {shownUnit ? (
                <View className={`${prefix}-unit-houses`}>
                  {units.length > 1 ? <View className={`${prefix}-unit-title`}>{shownUnit.unit || '其他'}的房号</View> : null}
                  <ChoiceChips className={`${prefix}-houses`} itemClassName={`${prefix}-house`} items={shownUnit.houses} labelOf={(item) => item.number} chosen={house?.id} onChoose={onHouse} />
                </View>
              ) : null}
            </>,
          )
        : null}
    </>
  );
}
