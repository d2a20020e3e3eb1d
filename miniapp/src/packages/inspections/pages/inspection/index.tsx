import { useCallback } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { INSPECTION_KIND_LABELS, INSPECTION_SECTION_LABELS, ITEM_RESULT_LABELS } from '@wuye/contracts';
import ExportButton from '../../../../components/ExportButton';
import PhotoGrid from '../../../../components/PhotoGrid';
import { RemoteStatus, SignedOutPage } from '../../../../components/RemoteStatus';
import { useRemote } from '../../../../hooks/useRemote';
import { useSession } from '../../../../hooks/useSession';
import { inspectionPage, rectificationPage } from '../../../../routes';
import { downloadInspectionExport, getInspection } from '../../../../services/inspections';
import '../../inspections.scss';

/** One inspection in full (oversight, and the company it concerns): every item, notes and photos, and its 整改单. */
export default function InspectionPage() {
  const id = Number(useRouter().params.id);
  const gate = useSession({ returnTo: inspectionPage(id) });
  const remote = useRemote(
    useCallback(() => getInspection(id), [id]),
    { enabled: gate.phase === 'signed-in' && id > 0 },
  );
  const inspection = remote.data;
  if (gate.phase !== 'signed-in') return <SignedOutPage gate={gate} purpose="登录后查看检查记录。" />;
  return (
    <View className="page insp-page insp-detail">
      <RemoteStatus phase={remote.phase} errorTitle="检查记录没能加载" errorMessage={remote.errorMessage} onRetry={() => void remote.reload()} />
      {remote.phase === 'ready' && inspection ? (
        <View>
          <View className="card insp-detail-head">
            <View className="card-title">
              {inspection.communityName} · {INSPECTION_KIND_LABELS[inspection.kind]}
            </View>
            <View className="insp-score insp-detail-score">{inspection.score === null ? '不计分' : `${inspection.score} 分`}</View>
            <View className="insp-facts">
              <Text>{inspection.inspectedOn}</Text>
              <Text>{inspection.templateName}</Text>
              <Text>
                {inspection.issuingArea} {inspection.inspectors.join('、')}
              </Text>
              <Text>{inspection.companyName ?? '无物业企业'}</Text>
              <Text>
                整改单 {inspection.orders.issued} · 已销号 {inspection.orders.closed} · 逾期 {inspection.orders.overdue}
              </Text>
            </View>
            <ExportButton className="insp-detail-export" download={() => downloadInspectionExport(inspection)} />
          </View>
          <View className="card insp-detail-items">
            {inspection.items.map((item, index) => (
              <View key={item.code} className={`insp-item insp-item-${item.result}`}>
                <View className="insp-row-title wrap-text">
                  {index + 1}. {item.text} <Text className={`badge ${item.result === 'fail' ? 'badge-rejected' : 'badge-pending'}`}>{ITEM_RESULT_LABELS[item.result]}</Text>
                </View>
                <View className="muted">
                  {INSPECTION_SECTION_LABELS[item.section]} · 权重 {item.weight}
                </View>
                {item.note ? <View className="wrap-text">{item.note}</View> : null}
                <PhotoGrid photos={item.photos} className="insp-item-photos" />
                {item.rectificationId ? (
                  <View className="link insp-item-order" onClick={() => void Taro.navigateTo({ url: rectificationPage(item.rectificationId as number) })}>
                    查看整改单 ›
                  </View>
                ) : null}
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
