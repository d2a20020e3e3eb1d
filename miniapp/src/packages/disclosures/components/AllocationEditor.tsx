import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { ALLOCATION_METHODS, ALLOCATION_METHOD_LABELS, approxYuan, type DirectoryBuilding, type DirectoryHouse } from '@wuye/contracts';
import ChoiceChips from '../../../components/ChoiceChips';
import { listBuildings, listHouses } from '../../../services/directory';
import { useRemote, type Remote } from '../../../hooks/useRemote';
import { SHARE_RULE, agreedTotals, readShare, type AllocationDraft } from '../lib/allocation';

type Update = (update: (draft: AllocationDraft) => AllocationDraft) => void;

function LoadFailed({ remote }: { remote: Pick<Remote<unknown>, 'phase' | 'errorMessage' | 'reload'> }) {
  return (
    <View className="form-error allocation-load-failed">
      {remote.errorMessage}
      <Button className="button button-small allocation-retry" onClick={() => void remote.reload()}>
        重试
      </Button>
    </View>
  );
}

/** One building's rooms with a share field each; loaded when the building is opened. */
function BuildingShares({ building, draft, savedIn, onChange, onHouses }: { building: DirectoryBuilding; draft: AllocationDraft; savedIn: ReadonlyMap<number, number>; onChange: Update; onHouses: (houses: DirectoryHouse[]) => void }) {
  const [open, setOpen] = useState(false);
  // Loaded the first time the building is opened, then kept.
  const [wanted, setWanted] = useState(false);
  const houses = useRemote(useCallback(() => listHouses(building.id), [building.id]), { enabled: wanted });
  useEffect(() => {
    if (houses.data) onHouses(houses.data);
    // onHouses only records labels: a new function each render must not load again.
  }, [houses.data]);
  const toggle = () => {
    setOpen(!open);
    setWanted(true);
  };
  const items = houses.data ?? [];
  const given = items.filter((h) => readShare(draft.weights[h.id]) !== null).length;
  // Before it is opened: the shares the saved draft has in this building.
  const saved = Object.entries(draft.weights).filter(([id, w]) => readShare(w) !== null && savedIn.get(Number(id)) === building.id).length;
  const setWeight = (houseId: number, text: string) => onChange((d) => ({ ...d, weights: { ...d.weights, [houseId]: text.trim() } }));
  const fillBlanks = () => onChange((d) => ({ ...d, weights: { ...d.weights, ...Object.fromEntries(items.filter((h) => !(d.weights[h.id] ?? '').trim()).map((h) => [h.id, '1'])) } }));
  const clear = () => onChange((d) => ({ ...d, weights: Object.fromEntries(Object.entries(d.weights).filter(([id]) => !items.some((h) => h.id === Number(id)))) }));

  return (
    <View className="shares-building">
      <View className="kv-row shares-building-toggle" onClick={toggle}>
        <Text className="kv-label shares-building-name">
          {open ? '▾' : '▸'} {building.name}
        </Text>
        <Text className="muted shares-building-count">{houses.data ? `已填 ${given} / ${items.length} 户` : saved ? `已填 ${saved} 户` : '点开填写'}</Text>
      </View>
      {open && houses.phase === 'loading' ? <View className="muted">正在加载房屋…</View> : null}
      {open && houses.phase === 'error' ? <LoadFailed remote={houses} /> : null}
      {open && houses.phase === 'ready' ? (
        <View className="shares-houses">
          {items.length === 0 ? <View className="muted">本栋还没有房屋。</View> : null}
          {items.map((h) => {
            const bad = readShare(draft.weights[h.id]) === 'bad';
            return (
              <View key={h.id} className={`shares-house${bad ? ' shares-house-bad' : ''}`}>
                <Text className="shares-house-label wrap-text">{h.label}</Text>
                <Input className="input shares-weight-input" type="number" maxlength={6} value={draft.weights[h.id] ?? ''} placeholder="不分摊" onInput={(e) => setWeight(h.id, e.detail.value)} />
                <Text className="shares-unit">份</Text>
                {bad ? <View className="form-error shares-house-error">{SHARE_RULE}</View> : null}
              </View>
            );
          })}
          {items.length ? (
            <View className="button-row">
              <Button className="button button-small shares-fill" onClick={fillBlanks}>
                未填的每户 1 份
              </Button>
              <Button className="button button-small shares-clear" onClick={clear}>
                清空本栋
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

/**
 * 公摊的分摊方式: by floor area (the default, 民法典 第二百八十三条) or per household, over the whole estate or chosen
 * buildings; or by the shares the owners agreed, typed house by house.
 */
export default function AllocationEditor({
  communityId,
  draft,
  totalFen,
  agreed = [],
  onChange,
  onHouses,
}: {
  communityId: number;
  draft: AllocationDraft;
  totalFen: number;
  /** The saved draft's agreed shares (with each house's building). */
  agreed?: { houseId: number; buildingId: number }[];
  onChange: Update;
  onHouses: (houses: DirectoryHouse[]) => void;
}) {
  const buildings = useRemote(useCallback(() => listBuildings(communityId), [communityId]));
  const items = buildings.data ?? [];
  const whole: DirectoryBuilding = { id: 0, name: '全小区' };
  const toggleBuilding = (b: DirectoryBuilding) =>
    onChange((d) => ({ ...d, buildingIds: b.id === 0 ? [] : d.buildingIds.includes(b.id) ? d.buildingIds.filter((id) => id !== b.id) : [...d.buildingIds, b.id] }));
  const totals = agreedTotals(draft.weights);
  const savedIn = new Map(agreed.map((a) => [a.houseId, a.buildingId]));

  return (
    <View className="allocation-editor">
      <View className="field">
        <View className="field-label">分摊方式</View>
        <ChoiceChips
          className="edit-methods"
          itemClassName="edit-method"
          items={ALLOCATION_METHODS}
          labels={ALLOCATION_METHOD_LABELS}
          chosen={draft.method}
          onChoose={(m) => onChange((d) => ({ ...d, method: m }))}
        />
      </View>
      {buildings.phase === 'loading' ? <View className="muted">正在加载楼栋…</View> : null}
      {buildings.phase === 'error' ? <LoadFailed remote={buildings} /> : null}
      {buildings.phase === 'ready' && draft.method !== 'fixed' ? (
        <View className="field">
          <View className="field-label">分摊范围</View>
          <ChoiceChips
            className="edit-scopes"
            itemClassName="edit-scope"
            items={[whole, ...items]}
            isSelected={(b) => (b.id === 0 ? draft.buildingIds.length === 0 : draft.buildingIds.includes(b.id))}
            onChoose={toggleBuilding}
          />
          <View className="field-hint">可多选楼栋，例如只由有电梯的楼栋分摊电梯用电。</View>
        </View>
      ) : null}
      {buildings.phase === 'ready' && draft.method === 'fixed' ? (
        <View className="field">
          <View className="field-label">各户约定份额</View>
          <View className="field-hint">按业主大会或合同约定填写每户份额（整数）；不填的房屋不参与分摊。业主只能看到自家的份额。</View>
          {items.map((b) => (
            <BuildingShares key={b.id} building={b} draft={draft} savedIn={savedIn} onChange={onChange} onHouses={onHouses} />
          ))}
          <View className="card muted allocation-agreed-total">
            已填 {totals.houses} 户，共 {totals.shares} 份{totals.shares > 0 && totalFen > 0 ? `，每份${approxYuan(totalFen / totals.shares)}` : ''}
          </View>
        </View>
      ) : null}
    </View>
  );
}
