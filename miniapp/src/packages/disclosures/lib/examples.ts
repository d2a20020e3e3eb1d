import type { DisclosureType, LineKind } from '@wuye/contracts';

/** Examples in the forms, fitting what is being written: a 公摊 question speaks of meters, not of advertising. */
export interface DisclosureExamples {
  /** 备注 in the editor. */
  note: string;
  /** A resident's question on the whole disclosure, and on one line. */
  question: string;
  lineQuestion: string;
  /** Why a published version is corrected. */
  correction: string;
}

export const DISCLOSURE_EXAMPLES: Record<DisclosureType, DisclosureExamples> = {
  fee_standard: { note: '例如：本年度收费标准与去年相同', question: '例如：服务等级为何定为二级？', lineQuestion: '例如：这项收费的依据是什么？', correction: '例如：电梯费标准录入有误' },
  fee_collection: { note: '例如：欠费户已逐户上门催缴', question: '例如：收缴率为何比去年低？', lineQuestion: '例如：这栋楼的欠费是怎么回事？', correction: '例如：3栋实收金额录入有误' },
  public_income: { note: '例如：净收益的 70% 补充专项维修资金', question: '例如：广告收入为何比上季度少？', lineQuestion: '例如：这笔收入的合同期限是多久？', correction: '例如：漏记一笔广告收入，补录' },
  shared_cost: { note: '例如：本月公共照明已换成节能灯', question: '例如：本月电费为何比上月高？', lineQuestion: '例如：这块电表的读数有照片吗？', correction: '例如：10 月电表读数抄错，更正用电量' },
  maintenance_expense: { note: '例如：电梯维保合同已续签一年', question: '例如：维保费用为何比去年高？', lineQuestion: '例如：这次维修换了哪些零件？', correction: '例如：维保发票金额录入有误' },
  service_list: { note: '例如：本清单按物业服务合同约定的二级服务标准编制', question: '例如：秩序维护为何只配 4 人？', lineQuestion: '例如：保洁每天清扫几次？', correction: '例如：绿化人员配置录入有误' },
  maintenance_fund: { note: '例如：屋面维修已经业主表决通过', question: '例如：维修资金还剩多少？', lineQuestion: '例如：这项使用的表决结果在哪里看？', correction: '例如：维修面积录入有误' },
  // Published when a vote closes, never drafted or corrected by hand; residents may still ask about it.
  vote_result: { note: '', question: '例如：表决结果什么时候执行？', lineQuestion: '例如：这项结果什么时候执行？', correction: '' },
};

/** 项目 of a line, by its kind. */
export const LINE_ITEM_EXAMPLES: Record<LineKind, string> = {
  fee_item: '例如：住宅物业服务费',
  building: '例如：3栋',
  income: '例如：电梯轿厢广告',
  cost: '例如：广告位维护',
  use: '例如：补充专项维修资金',
  meter: '例如：公共照明电表',
  expense: '例如：电梯年度维保',
  withdrawal: '例如：5栋屋面防水维修',
  service: '例如：公共区域清扫保洁',
};
