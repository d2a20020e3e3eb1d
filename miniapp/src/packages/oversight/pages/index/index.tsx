import { useCallback, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { COMMITTEE_GRADES, COMMITTEE_GRADE_LABELS } from '@wuye/contracts';
import ChoiceChips from '../../../../components/ChoiceChips';
import StatusNotice from '../../../../components/StatusNotice';
import { useMe } from '../../../../hooks/useMe';
import { useSession } from '../../../../hooks/useSession';
import { CREDIT_PAGE, DUTY_CONFLICTS_PAGE, ESCALATIONS_PAGE, LIAISONS_PAGE, OVERSIGHT_COMMUNITY_PAGE, OVERSIGHT_PAGE, RETURN_VISITS_PAGE } from '../../../../routes';
import { ApiError } from '../../../../services/http';
import { downloadStatsExport, getAreaOverview, getCompanyOverview, listAreas } from '../../../../services/oversight';
import BarChart from '../../components/BarChart';
import ExportButton from '../../../../components/ExportButton';
import Freshness from '../../components/Freshness';
import MetricTiles from '../../components/MetricTiles';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import { canHandleEscalations, canSeeDutyConflicts, levelLabel, oversightRoles, percent, periods, ratingLabel, type Period } from '../../lib/format';
import { useRemote } from '../../../../hooks/useRemote';
import '../../oversight.scss';

/** The area to open: the one asked for (drill-down), else the user's own oversight area. */
async function startingArea(asked: number, roleAreaId: number | undefined): Promise<number | null> {
  if (asked > 0) return asked;
  if (roleAreaId) return roleAreaId;
  // Platform admins have no area of their own: the county at the root.
  const areas = await listAreas();
  return areas.items.find((a) => a.parentId === null)?.id ?? null;
}

/** 监管统计: a county, town or community office — figures, charts, one level down, every estate; drill-down. */
export default function OversightOverview() {
  const gate = useSession({ returnTo: OVERSIGHT_PAGE });
  const { phase: mePhase, me, errorMessage: meError, reload: reloadMe } = useMe(gate.phase);
  const { params } = useRouter();
  const [period, setPeriod] = useState<Period>(() => periods().find((p) => p.key === 'year') as Period);
  const roles = me ? oversightRoles(me) : [];
  const roleAreaId = roles.find((r) => r.areaId)?.areaId;
  const asked = Number(params.areaId ?? 0);
  const mayRead = roles.length > 0;

  const load = useCallback(async () => {
    const areaId = await startingArea(asked, roleAreaId);
    if (areaId === null) throw new ApiError({ statusCode: 404, code: 'NOT_FOUND', message: '没有可查看的辖区' });
    const [overview, companies] = await Promise.all([getAreaOverview(areaId, period.from, period.to), getCompanyOverview(areaId, period.from, period.to)]);
    return { overview, companies };
  }, [asked, roleAreaId, period]);
  const remote = useRemote(load, { enabled: mayRead });
  const { phase, errorMessage } = remote;
  const overview = remote.data?.overview ?? null;
  const companies = remote.data?.companies ?? [];

  usePullDownRefresh(() => {
    void (mayRead ? remote.reload(true) : Promise.resolve()).finally(() => Taro.stopPullDownRefresh());
  });

  if (gate.phase !== 'signed-in') return <SignedOutPage gate={gate} purpose="登录后查看辖区的工单统计和督办。" />;
  if (mePhase === 'error') {
    return (
      <View className="page ov-page">
        <StatusNotice className="ov-me-error" title="没能加载您的身份" text={meError} actionText="重试" onAction={() => void reloadMe()} />
      </View>
    );
  }
  if (mePhase !== 'ready' || !me) {
    return (
      <View className="page ov-page">
        <StatusNotice className="ov-loading" title="正在加载…" />
      </View>
    );
  }
  if (!mayRead) {
    return (
      <View className="page ov-page">
        <StatusNotice className="ov-not-allowed" title="您没有监管权限" text="监管统计和督办面向社区（村）和主管部门的工作人员。" />
      </View>
    );
  }

  const openArea = (id: number) => void Taro.navigateTo({ url: `${OVERSIGHT_PAGE}?areaId=${id}` });
  const openCommunity = (id: number, name: string) => void Taro.navigateTo({ url: `${OVERSIGHT_COMMUNITY_PAGE}?communityId=${id}&name=${encodeURIComponent(name)}` });

  const communitiesByOverdue = overview ? [...overview.communities].sort((a, b) => b.metrics.overdueOpen - a.metrics.overdueOpen || a.id - b.id) : [];
  const childLevel = overview?.children[0] ? levelLabel(overview.children[0].level) : '';

  return (
    <View className="page ov-page ov-overview">
      <View className="ov-header">
        <View className="ov-title ov-area-name">
          {overview ? `${overview.area.name}` : '监管统计'}
          {overview ? <Text className="badge badge-current ov-area-level">{levelLabel(overview.area.level)}</Text> : null}
        </View>
      </View>
      <ChoiceChips className="ov-periods" itemClassName="ov-period" items={periods()} chosen={period.key} onChoose={setPeriod} />
      <View className="ov-actions">
        {canHandleEscalations(me) ? (
          <Button className="button button-small button-primary ov-open-escalations" onClick={() => void Taro.navigateTo({ url: ESCALATIONS_PAGE })}>
            督办队列
          </Button>
        ) : null}
        {canHandleEscalations(me) ? (
          <Button className="button button-small ov-open-visits" onClick={() => void Taro.navigateTo({ url: RETURN_VISITS_PAGE })}>
            回访
          </Button>
        ) : null}
        <Button className="button button-small ov-open-credit" onClick={() => void Taro.navigateTo({ url: CREDIT_PAGE })}>
          信用记录
        </Button>
        <Button className="button button-small ov-open-liaisons" onClick={() => void Taro.navigateTo({ url: LIAISONS_PAGE })}>
          挂钩领导
        </Button>
        {canSeeDutyConflicts(me) ? (
          <Button className="button button-small ov-open-conflicts" onClick={() => void Taro.navigateTo({ url: DUTY_CONFLICTS_PAGE })}>
            职责冲突
          </Button>
        ) : null}
        {overview ? <ExportButton className="ov-export-stats" download={() => downloadStatsExport(overview.area.id, overview.from, overview.to, overview.area.name)} /> : null}
      </View>

      <RemoteStatus phase={phase} errorTitle="统计没能加载" errorMessage={errorMessage} onRetry={() => void remote.reload()} />
      {phase === 'ready' && overview ? (
        <View className="ov-content">
          <Freshness overview={overview} />
          <MetricTiles
            metrics={overview.metrics}
            extra={[
              { key: 'committees', label: '业委会已成立', value: `${overview.committees.inPlace}/${overview.committees.total}` },
              { key: 'estates', label: '小区', value: String(overview.communities.length) },
            ]}
          />
          <View className="ov-columns">
            <View className="ov-column ov-column-charts">
              {overview.children.length > 0 ? (
                <BarChart
                  className="ov-chart-children"
                  title={`各${childLevel}逾期未办工单`}
                  bars={overview.children.map((c) => ({ key: c.id, label: c.name, value: c.metrics.overdueOpen, display: `${c.metrics.overdueOpen} / 共 ${c.metrics.total}`, alert: true }))}
                  emptyText="本辖区没有逾期未办的工单。"
                  onSelect={(bar) => openArea(Number(bar.key))}
                />
              ) : null}
              <BarChart
                className="ov-chart-satisfaction"
                title="各小区满意率"
                max={1}
                bars={overview.communities.map((c) => ({ key: c.id, label: c.name, value: c.metrics.satisfactionRate ?? 0, display: percent(c.metrics.satisfactionRate) }))}
                emptyText="统计区间内还没有业主评价。"
                onSelect={(bar) => openCommunity(Number(bar.key), bar.label)}
              />
              <BarChart
                className="ov-chart-categories"
                title="工单类别"
                bars={overview.byCategory.map((c) => ({ key: c.code, label: c.name, value: c.count }))}
                emptyText="统计区间内没有工单。"
              />
              <BarChart
                className="ov-chart-stars"
                title={`星级分布（${overview.to.slice(0, 4)}年度及以前最近一次）`}
                bars={[
                  ...(['5', '4', '3', '2', '1'] as const).map((k) => ({ key: k, label: `${k}星`, value: overview.stars[k] })),
                  { key: 'unrated', label: '不定星', value: overview.stars.unrated },
                  { key: 'none', label: '未评定', value: overview.stars.none },
                ]}
                emptyText="还没有小区。"
              />
              <BarChart
                className="ov-chart-committee-grades"
                title="业委会履职考评（最近一次）"
                bars={[...COMMITTEE_GRADES.map((g) => ({ key: g, label: COMMITTEE_GRADE_LABELS[g], value: overview.committeeGrades[g] })), { key: 'none', label: '未考评', value: overview.committeeGrades.none }]}
                emptyText="还没有小区。"
              />
            </View>
            <View className="ov-column ov-column-lists">
              {overview.children.length > 0 ? (
                <View className="card ov-children">
                  <View className="card-title">下级{childLevel}</View>
                  {overview.children.map((child) => (
                    <View key={child.id} className="ov-row ov-child" onClick={() => openArea(child.id)}>
                      <View className="ov-row-main">
                        <View className="ov-row-title ov-child-name">{child.name}</View>
                        <View className="ov-facts">
                          <Text className="ov-fact">{child.communities} 个小区</Text>
                          <Text className="ov-fact">工单 {child.metrics.total}</Text>
                          <Text className={`ov-fact${child.metrics.overdueOpen ? ' ov-alert' : ''}`}>逾期 {child.metrics.overdueOpen}</Text>
                          <Text className="ov-fact">满意率 {percent(child.metrics.satisfactionRate)}</Text>
                        </View>
                      </View>
                      <Text className="link-arrow">›</Text>
                    </View>
                  ))}
                </View>
              ) : null}
              <View className="card ov-communities">
                <View className="card-title">各小区（逾期多的在前）</View>
                {communitiesByOverdue.length === 0 ? <View className="muted">本辖区还没有小区。</View> : null}
                {communitiesByOverdue.map((c) => (
                  <View key={c.id} className="ov-row ov-community" onClick={() => openCommunity(c.id, c.name)}>
                    <View className="ov-row-main">
                      <View className="ov-row-title ov-community-name">
                        {c.name}
                        {c.metrics.overdueOpen ? <Text className="badge badge-rejected ov-community-overdue">逾期 {c.metrics.overdueOpen}</Text> : null}
                      </View>
                      <View className="muted wrap-text">{c.company?.name ?? '暂无物业服务企业'}</View>
                      <View className="ov-facts">
                        <Text className="ov-fact">工单 {c.metrics.total}</Text>
                        <Text className="ov-fact">按时办结 {percent(c.metrics.onTimeResolutionRate)}</Text>
                        <Text className="ov-fact">满意率 {percent(c.metrics.satisfactionRate)}</Text>
                        <Text className="ov-fact ov-community-rating">{ratingLabel({ year: c.starsYear, stars: c.stars })}</Text>
                        {c.disclosureOverdue ? <Text className="ov-fact ov-alert">公示逾期 {c.disclosureOverdue}</Text> : null}
                        <Text className="ov-fact">{c.committee ? '业委会已成立' : '未成立业委会'}</Text>
                        {c.committeeGrade ? <Text className="ov-fact ov-community-committee-grade">{`${c.committeeGrade.year}年度考评 ${c.committeeGrade.gradeLabel}`}</Text> : null}
                        <Text className="ov-fact ov-share-reach">业主群 {c.shareReach.groups} 个 · 打开 {c.shareReach.openings} 次</Text>
                      </View>
                    </View>
                    <Text className="link-arrow">›</Text>
                  </View>
                ))}
              </View>
              {companies.length > 0 ? (
                <View className="card ov-companies">
                  <View className="card-title">物业企业</View>
                  {companies.map((company) => (
                    <View key={company.id} className="ov-row ov-company" onClick={() => void Taro.navigateTo({ url: `${CREDIT_PAGE}?companyId=${company.id}` })}>
                      <View className="ov-row-main">
                        <View className="ov-row-title wrap-text">
                          {company.name}
                          <Text className="badge badge-approved ov-company-grade">
                            信用 {company.credit.grade} · {company.credit.score}分
                          </Text>
                        </View>
                        <View className="ov-facts">
                          <Text className="ov-fact">在管小区 {company.communities}</Text>
                          <Text className="ov-fact">工单 {company.metrics.total}</Text>
                          <Text className={`ov-fact${company.metrics.overdueOpen ? ' ov-alert' : ''}`}>逾期 {company.metrics.overdueOpen}</Text>
                          <Text className="ov-fact">满意率 {percent(company.metrics.satisfactionRate)}</Text>
                        </View>
                      </View>
                      <Text className="link-arrow">›</Text>
                    </View>
                  ))}
                </View>
              ) : null}
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}
