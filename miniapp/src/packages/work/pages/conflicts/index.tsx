import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { shanghaiDate, type DutyConflictView, type RoleAssignmentView } from '@wuye/contracts';
import SessionNotice from '../../../../components/SessionNotice';
import StatusNotice from '../../../../components/StatusNotice';
import { usePagedList } from '../../../../hooks/usePagedList';
import { useSession } from '../../../../hooks/useSession';
import { DUTY_CONFLICTS_PAGE } from '../../../../routes';
import { showError } from '../../../../services/errors';
import { listDutyConflicts, revokeRoleAssignment } from '../../../../services/roles';
import { roleLabel } from '../../../../services/workspace';
import './index.scss';

function RoleLine({ role, busy, onRevoke }: { role: RoleAssignmentView; busy: boolean; onRevoke: () => void }) {
  return (
    <View className="conflict-role">
      <View>
        <View className="wrap-text conflict-role-name">{roleLabel({ role: role.role, scopeName: role.scopeName, ...(role.title ? { title: role.title } : {}) })}</View>
        <View className="muted">自 {shanghaiDate(role.createdAt)}</View>
      </View>
      {role.can?.revoke ? (
        <Button className="button button-small button-danger conflict-revoke" disabled={busy || undefined} onClick={onRevoke}>
          撤销
        </Button>
      ) : null}
    </View>
  );
}

/**
 * 职责冲突: people holding a property-side role and a committee role in the same estate (granted before the rule, or
 * a new contract brought their company in). Each side's issuer may revoke its own role here: the office the
 * committee seat, the company admin the staff role.
 */
export default function DutyConflicts() {
  const gate = useSession({ returnTo: DUTY_CONFLICTS_PAGE });
  const signedIn = gate.phase === 'signed-in';
  const list = usePagedList(signedIn ? listDutyConflicts : null, { reloadOn: signedIn });
  const [busyId, setBusyId] = useState<number | null>(null);

  usePullDownRefresh(() => {
    void list.reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  const revoke = async (pair: DutyConflictView, role: RoleAssignmentView) => {
    const answer = await Taro.showModal({
      title: '撤销角色',
      content: `撤销 ${pair.user.displayName} 的“${roleLabel({ role: role.role, scopeName: role.scopeName })}”？撤销后立即失去该身份的权限。`,
      confirmText: '撤销',
      cancelText: '取消',
    });
    if (!answer.confirm) return;
    setBusyId(role.id);
    try {
      await revokeRoleAssignment(role.id);
      void Taro.showToast({ title: '已撤销', icon: 'success' });
      await list.reload(true);
    } catch (error) {
      showError(error);
    } finally {
      setBusyId(null);
    }
  };

  if (!signedIn) {
    return (
      <View className="page conflicts">
        <SessionNotice gate={gate} purpose="登录后查看职责冲突。" />
      </View>
    );
  }
  const { phase, items, nextCursor, errorMessage } = list;
  return (
    <View className="page conflicts">
      <View className="muted conflicts-intro wrap-text">同一小区里，物业方（员工、项目经理、服务企业管理员）和业委会的职务不能由同一人担任。新的任命会被拒绝；下面是已经存在的，请撤销其中一方。</View>
      {phase === 'loading' ? <StatusNotice className="conflicts-loading" title="正在加载…" /> : null}
      {phase === 'error' ? <StatusNotice className="conflicts-error" title="没能加载" text={errorMessage} actionText="重试" onAction={() => void list.reload()} /> : null}
      {phase === 'ready' && items.length === 0 ? <StatusNotice className="conflicts-empty" title="没有职责冲突" text="您管理的小区里，没有人同时担任物业方和业委会的职务。" /> : null}
      {items.map((pair) => (
        <View key={`${pair.communityId}-${pair.user.id}`} className="card conflict">
          <View className="conflict-person wrap-text">
            {pair.user.displayName}
            {pair.user.phone ? <Text className="muted"> {pair.user.phone}</Text> : null}
          </View>
          <View className="muted">{pair.communityName}</View>
          <View className="conflict-side conflict-property">
            <View className="field-label">物业方</View>
            {pair.property.map((role) => (
              <RoleLine key={role.id} role={role} busy={busyId !== null} onRevoke={() => void revoke(pair, role)} />
            ))}
          </View>
          <View className="conflict-side conflict-committee">
            <View className="field-label">业委会</View>
            {pair.committee.map((role) => (
              <RoleLine key={role.id} role={role} busy={busyId !== null} onRevoke={() => void revoke(pair, role)} />
            ))}
          </View>
        </View>
      ))}
      {nextCursor ? (
        <Button className="button button-block conflicts-more" disabled={list.loadingMore || undefined} onClick={() => void list.loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
