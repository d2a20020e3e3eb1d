import { Text, View } from '@tarojs/components';
import { PROPERTY_TYPE_LABELS, formatYuan, type CommunityView, type ContractSummary } from '@wuye/contracts';

/** "2024-01-01 至 2026-12-31", or open-ended. */
export const contractTerm = (c: Pick<ContractSummary, 'startsOn' | 'endsOn'>) => (c.endsOn ? `${c.startsOn} 至 ${c.endsOn}` : `${c.startsOn} 起（未约定结束日期）`);

/** 物业服务合同 as residents may read it: the company, the grade, the fee standards and the term. */
export default function ContractCard({ company, contract }: { company: NonNullable<CommunityView['company']>; contract: ContractSummary }) {
  return (
    <View className="card ov-contract">
      <View className="card-title">物业服务合同</View>
      <View className="kv-row">
        <Text className="kv-label">物业企业</Text>
        <Text className="kv-value ov-contract-company">{company.name}</Text>
      </View>
      <View className="kv-row">
        <Text className="kv-label">服务等级</Text>
        <Text className="kv-value ov-contract-grade">{contract.serviceGrade}</Text>
      </View>
      {contract.feeStandards.map((fee) => (
        <View key={fee.propertyType} className="kv-row ov-contract-fee">
          <Text className="kv-label">{PROPERTY_TYPE_LABELS[fee.propertyType]}物业费</Text>
          <Text className="kv-value">{formatYuan(fee.pricePerM2MonthFen)}/㎡·月</Text>
        </View>
      ))}
      {contract.feeStandards.length === 0 ? <View className="muted ov-contract-no-fee">合同未登记收费标准。</View> : null}
      <View className="kv-row">
        <Text className="kv-label">合同期限</Text>
        <Text className="kv-value ov-contract-term">{contractTerm(contract)}</Text>
      </View>
    </View>
  );
}
