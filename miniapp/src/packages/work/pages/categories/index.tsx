import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { floorProblem, formatMinutes, type DeadlineFloor, type DeadlineFloorsView, type TicketCategory } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import meNotice from '../../../../components/MeNotice';
import StatusNotice from '../../../../components/StatusNotice';
import { useChosenEstate } from '../../../../hooks/useChosenEstate';
import { useMe } from '../../../../hooks/useMe';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { CATEGORIES_PAGE } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { managedEstates } from '../../../../services/handling';
import { getDeadlineFloors, listTicketCategories, replaceTicketCategories } from '../../../../services/tickets';
import './index.scss';

interface Settings {
  categories: TicketCategory[];
  floors: DeadlineFloorsView;
}

/** What stops a category from being saved, in the API's words (the county's floor, the emergency limit), or null. */
function problemOf(category: TicketCategory, floor: DeadlineFloor | undefined): string | null {
  if (!Number.isInteger(category.responseMinutes) || category.responseMinutes < 5) return `“${category.name}”的响应时限至少 5 分钟`;
  if (!Number.isInteger(category.resolutionMinutes) || category.resolutionMinutes < 10) return `“${category.name}”的办结时限至少 10 分钟`;
  if (category.resolutionMinutes < category.responseMinutes) return `“${category.name}”的办结时限不能短于响应时限`;
  return floorProblem(category, floor)?.message ?? null;
}

/** A deadline in minutes, with how a resident reads it beside the field. */
function MinutesField({ label, className, value, onChange }: { label: string; className: string; value: number; onChange: (minutes: number) => void }) {
  return (
    <View className="category-field">
      <Text className="category-field-label">{label}</Text>
      <Input className={`input category-minutes ${className}`} type="number" value={Number.isNaN(value) ? '' : String(value)} maxlength={6} onInput={(e) => onChange(e.detail.value === '' ? NaN : Number(e.detail.value))} />
      <Text className="muted category-minutes-unit">分钟{Number.isInteger(value) && value > 0 ? `（${formatMinutes(value)}）` : ''}</Text>
    </View>
  );
}

function CategoryRow({ category, floor, county, onChange }: { category: TicketCategory; floor: DeadlineFloor | undefined; county: string; onChange: (next: TicketCategory) => void }) {
  const problem = problemOf(category, floor);
  return (
    <View className={`card category-row category-${category.code}`}>
      <View className="category-name">
        {category.name}
        {category.emergency ? <Text className="badge badge-rejected category-emergency">紧急</Text> : null}
      </View>
      {floor ? (
        <View className="muted category-floor wrap-text">
          {county}标准：响应不超过{formatMinutes(floor.responseMinutes)}，办结不超过{formatMinutes(floor.resolutionMinutes)}
          {floor.emergency ? '，须为紧急分类且保持启用' : ''}。可以更严，不能更宽。
        </View>
      ) : null}
      <MinutesField label="响应时限" className="category-response" value={category.responseMinutes} onChange={(responseMinutes) => onChange({ ...category, responseMinutes })} />
      <MinutesField label="办结时限" className="category-resolution" value={category.resolutionMinutes} onChange={(resolutionMinutes) => onChange({ ...category, resolutionMinutes })} />
      <ChoiceChips
        className="category-kind"
        itemClassName="category-kind-choice"
        items={[true, false]}
        keyOf={(emergency) => String(emergency)}
        labelOf={(emergency) => (emergency ? '紧急' : '一般')}
        isSelected={(emergency) => emergency === category.emergency}
        onChoose={(emergency) => onChange({ ...category, emergency })}
      />
      <ChoiceChips
        className="category-state"
        itemClassName="category-state-choice"
        items={[true, false]}
        keyOf={(active) => String(active)}
        labelOf={(active) => (active ? '启用' : '停用')}
        isSelected={(active) => active === category.active}
        onChoose={(active) => onChange({ ...category, active })}
      />
      {problem ? <View className="form-error category-problem wrap-text">{problem}</View> : null}
    </View>
  );
}

/**
 * 分类与时限: the project manager sets the estate's ticket categories' deadlines within the county's floors. Each floor
 * is shown beside its category, and a looser value is refused on the page (the same rule as the API) before saving.
 */
export default function CategorySettings() {
  const gate = useSession({ returnTo: CATEGORIES_PAGE });
  const meState = useMe(gate.phase);
  const { me } = meState;
  const { params } = useRouter();
  const [draft, setDraft] = useState<TicketCategory[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const estates = me ? managedEstates(me) : [];
  const [communityId, setCommunityId] = useChosenEstate(me ? estates : null, Number(params.communityId));

  const load = useCallback(async (): Promise<Settings> => {
    const id = communityId as number;
    const [categories, floors] = await Promise.all([listTicketCategories(id), getDeadlineFloors(id)]);
    return { categories, floors };
  }, [communityId]);
  const remote = useRemote(load, { enabled: communityId !== null });
  const { data } = remote;
  useEffect(() => {
    if (data) setDraft(data.categories);
    setError('');
  }, [data]);

  const floorOf = (code: string) => data?.floors.floors.find((f) => f.code === code);
  const problems = draft.map((c) => problemOf(c, floorOf(c.code))).filter((p): p is string => p !== null);
  const changed = data !== null && JSON.stringify(draft) !== JSON.stringify(data.categories);

  const save = async () => {
    if (communityId === null || problems.length > 0) return;
    setSaving(true);
    setError('');
    try {
      const saved = await replaceTicketCategories(communityId, draft);
      if (data) remote.show({ ...data, categories: saved });
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setSaving(false);
    }
  };

  const waiting = meNotice('categories', gate, meState, '登录后才能设置工单分类。');
  if (waiting || !me) return waiting;
  if (communityId === null) {
    return (
      <View className="page categories">
        <StatusNotice className="categories-not-allowed" title="您没有设置工单分类的身份" text="工单分类和时限由小区的项目经理设置。" />
      </View>
    );
  }

  const county = data?.floors.county?.name ?? '县';
  return (
    <View className="page categories">
      {estates.length > 1 ? (
        <ChoiceChips className="categories-estates" itemClassName="categories-estate" items={estates} chosen={communityId} onChoose={(estate) => setCommunityId(estate.id)} />
      ) : null}
      {remote.phase === 'loading' ? <StatusNotice className="categories-loading" title="正在加载…" /> : null}
      {remote.phase === 'error' ? (
        <StatusNotice className="categories-error" title="分类没能加载" text={remote.errorMessage} actionText="重试" onAction={() => void remote.reload()} />
      ) : null}
      {remote.phase === 'ready' && data ? (
        <View className="categories-list">
          <View className="muted categories-intro wrap-text">
            居民报事按分类计算受理和办结时限。{data.floors.floors.length > 0 ? `${county}规定了部分分类的最长时限，` : ''}紧急分类须在{formatMinutes(data.floors.emergencyResponseMaxMinutes)}内响应。
          </View>
          {draft.map((category, i) => (
            <CategoryRow
              key={category.code}
              category={category}
              floor={floorOf(category.code)}
              county={county}
              onChange={(next) => {
                setDraft((shown) => shown.map((c, j) => (j === i ? next : c)));
                setError('');
              }}
            />
          ))}
          {error ? <View className="form-error categories-save-error wrap-text">{error}</View> : null}
          {problems.length > 0 ? <View className="form-error categories-blocked">有 {problems.length} 处时限不符合要求，改好后才能保存。</View> : null}
          <Button className="button button-primary button-block categories-save" disabled={saving || !changed || problems.length > 0 || undefined} onClick={() => void save()}>
            {saving ? '正在保存…' : changed ? '保存' : '没有修改'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
