import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { INSPECTION_SECTIONS, INSPECTION_SECTION_LABELS, ITEM_WEIGHT_MAX, TEMPLATE_ITEMS_MAX, TEMPLATE_ITEM_TEXT_MAX, type InspectionSection, type InspectionTemplateView } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { INSPECTION_TEMPLATES_PAGE } from '../../../../routes';
import { errorText } from '../../../../services/errors';
import { listTemplates, saveTemplate } from '../../../../services/inspections';
import '../../inspections.scss';

interface EditedItem {
  section: InspectionSection;
  text: string;
  weight: string;
}
interface Edited {
  id?: number;
  areaId: number;
  name: string;
  items: EditedItem[];
}

const blankItem = (): EditedItem => ({ section: 'management', text: '', weight: '5' });

/** Why the template cannot be saved yet, or null. */
function problemOf(edited: Edited): string | null {
  if (!edited.name.trim()) return '请填写检查表名称';
  if (!edited.items.length) return '请至少添加一个检查项目';
  for (const [i, item] of edited.items.entries()) {
    if (!item.text.trim()) return `第 ${i + 1} 项还没有内容`;
    const weight = Number(item.weight);
    if (!Number.isInteger(weight) || weight < 1 || weight > ITEM_WEIGHT_MAX) return `第 ${i + 1} 项的权重应为 1–${ITEM_WEIGHT_MAX} 的整数`;
  }
  return null;
}

/**
 * 检查表 (regulators): the checklists of their area, items grouped by the sections of the service standard, each
 * with a weight. A change applies to inspections from now on; those recorded keep the items they were checked by.
 */
export default function TemplateEditor() {
  const gate = useSession({ returnTo: INSPECTION_TEMPLATES_PAGE });
  const signedIn = gate.phase === 'signed-in';
  const { me } = useMe(gate.phase);
  const remote = useRemote(
    useCallback(() => listTemplates(), []),
    { enabled: signedIn },
  );
  const [edited, setEdited] = useState<Edited | null>(null);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const ownArea = me?.roles.find((r) => r.role === 'regulator' && r.areaId)?.areaId ?? null;

  const change = (next: Edited) => {
    setEdited(next);
    setProblem('');
  };
  const changeItem = (index: number, patch: Partial<EditedItem>) => edited && change({ ...edited, items: edited.items.map((item, i) => (i === index ? { ...item, ...patch } : item)) });

  const save = async () => {
    if (!edited || busy) return;
    const why = problemOf(edited);
    if (why) return setProblem(why);
    setBusy(true);
    try {
      await saveTemplate({ areaId: edited.areaId, name: edited.name.trim(), items: edited.items.map((i) => ({ section: i.section, text: i.text.trim(), weight: Number(i.weight) })) }, edited.id);
      setEdited(null);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      await remote.reload(true);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  if (!signedIn) return <SignedOutPage gate={gate} purpose="登录后维护检查表。" />;
  if (edited) {
    return (
      <View className="page insp-page insp-template-edit">
        <View className="card">
          <View className="field">
            <View className="field-label">检查表名称</View>
            <Input className="input insp-template-name" value={edited.name} maxlength={100} onInput={(e) => change({ ...edited, name: e.detail.value })} />
          </View>
        </View>
        <View className="card insp-template-items">
          {edited.items.map((item, index) => (
            <View key={index} className="insp-item insp-template-item">
              <View className="insp-row-title">第 {index + 1} 项</View>
              <ChoiceChips className="insp-sections" itemClassName="insp-section" items={INSPECTION_SECTIONS} keyOf={(s) => s} labelOf={(s) => INSPECTION_SECTION_LABELS[s]} isSelected={(s) => s === item.section} onChoose={(section) => changeItem(index, { section })} />
              <Input className="input insp-template-text" value={item.text} maxlength={TEMPLATE_ITEM_TEXT_MAX} placeholder="例如：消防通道畅通，无占用堵塞" onInput={(e) => changeItem(index, { text: e.detail.value })} />
              <View className="insp-actions">
                <Text>权重</Text>
                <Input className="input insp-template-weight" type="number" value={item.weight} onInput={(e) => changeItem(index, { weight: e.detail.value })} />
                <Button className="button button-small insp-template-remove" onClick={() => change({ ...edited, items: edited.items.filter((_, i) => i !== index) })}>
                  删除
                </Button>
              </View>
            </View>
          ))}
          {edited.items.length < TEMPLATE_ITEMS_MAX ? (
            <Button className="button button-small insp-template-add" onClick={() => change({ ...edited, items: [...edited.items, blankItem()] })}>
              ＋ 添加检查项目
            </Button>
          ) : null}
        </View>
        {problem ? <View className="form-error insp-template-error">{problem}</View> : null}
        <View className="button-row">
          <Button className="button button-primary insp-template-save" disabled={busy || undefined} onClick={() => void save()}>
            {busy ? '正在保存…' : '保存'}
          </Button>
          <Button className="button insp-template-cancel" disabled={busy || undefined} onClick={() => setEdited(null)}>
            取消
          </Button>
        </View>
      </View>
    );
  }

  const templates = remote.data ?? [];
  return (
    <View className="page insp-page insp-templates">
      {ownArea ? (
        <Button className="button button-primary button-block insp-template-new" onClick={() => change({ areaId: ownArea, name: '', items: [blankItem()] })}>
          新建检查表
        </Button>
      ) : null}
      <RemoteStatus phase={remote.phase} errorTitle="检查表没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />
      {remote.phase === 'ready' && templates.length === 0 ? <StatusNotice className="insp-empty" title="还没有检查表" text="县、镇住建部门制定检查表后，社区和住建部门按表检查。" /> : null}
      {templates.map((t: InspectionTemplateView) => (
        <View key={t.id} className="card insp-template">
          <View className="card-title">
            {t.name} <Text className="muted">{t.areaName}</Text>
          </View>
          {t.items.map((item, i) => (
            <View key={item.code} className="wrap-text">
              {i + 1}. {INSPECTION_SECTION_LABELS[item.section]} · {item.text}（权重 {item.weight}）
            </View>
          ))}
          {t.can.edit ? (
            <Button className="button button-small insp-template-edit-button" onClick={() => change({ id: t.id, areaId: t.areaId, name: t.name, items: t.items.map((i) => ({ section: i.section, text: i.text, weight: String(i.weight) })) })}>
              编辑
            </Button>
          ) : null}
        </View>
      ))}
    </View>
  );
}
