import { useCallback } from 'react';
import { Input, View } from '@tarojs/components';
import { ROLE_LABELS, type Role } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import StatusNotice from '../../../../components/StatusNotice';
import { useRemote } from '../../../../hooks/useRemote';
import { listAssignees, type Assignee } from '../../../../services/tickets';

/** Either a staff member of the estate or an outside body (社区居委会, 供电公司). */
export interface AssigneeChoice {
  assigneeId?: number;
  externalAssignee?: string;
}

const EXTERNAL = -1;
const EXTERNAL_MAX = 64;

/** "刘师傅（维修工）", "陈经理（项目经理）". */
export function assigneeLabel(assignee: Assignee): string {
  const title = assignee.title ?? ROLE_LABELS[assignee.role as Role] ?? '';
  return title ? `${assignee.displayName}（${title}）` : assignee.displayName;
}

/** 转办: the staff of the estate's serving company as chips, or 外部单位 with its name typed in. */
export default function AssigneePicker({ communityId, value, onChange }: { communityId: number; value: AssigneeChoice; onChange: (choice: AssigneeChoice) => void }) {
  const remote = useRemote(useCallback(() => listAssignees(communityId), [communityId]));
  const assignees = remote.data ?? [];

  if (remote.phase === 'loading') return <StatusNotice className="assignee-loading" title="正在加载处理人…" />;
  if (remote.phase === 'error') {
    return <StatusNotice className="assignee-error" title="处理人没能加载" text={remote.errorMessage} actionText="重试" onAction={() => void remote.reload()} />;
  }

  const external = value.externalAssignee !== undefined;
  // Each with the tickets on their hands now, so the manager spreads the load.
  const options: { id: number; label: string }[] = [...assignees.map((a) => ({ id: a.id, label: `${assigneeLabel(a)} · ${a.openTickets ? `手头 ${a.openTickets} 单` : '空闲'}` })), { id: EXTERNAL, label: '外部单位' }];
  return (
    <View className="assignee-picker">
      <View className="field-label">转办给</View>
      {assignees.length === 0 ? <View className="muted assignee-none">本小区还没有可派单的员工，可转办给外部单位。</View> : null}
      <ChoiceChips
        className="assignee-options"
        itemClassName="assignee-option"
        items={options}
        keyOf={(option) => option.id}
        labelOf={(option) => option.label}
        isSelected={(option) => (option.id === EXTERNAL ? external : option.id === value.assigneeId)}
        onChoose={(option) => onChange(option.id === EXTERNAL ? { externalAssignee: value.externalAssignee ?? '' } : { assigneeId: option.id })}
      />
      {external ? (
        <View className="field">
          <View className="field-label">外部单位名称</View>
          <Input
            className="input assignee-external"
            value={value.externalAssignee}
            maxlength={EXTERNAL_MAX}
            placeholder="例如：社区居委会、供电公司"
            onInput={(event) => onChange({ externalAssignee: event.detail.value.slice(0, EXTERNAL_MAX) })}
          />
        </View>
      ) : null}
    </View>
  );
}
