import { PERSONAL_NUMBERS } from '../../test/support/personal-numbers';
import { scrubPersonal, scrubStrings, maskName } from './privacy';

/** Numbers that are not personal and must be shown as typed. */
const KEPT: [string, string][] = [
  ['room number', '3栋1单元1201漏水'],
  ['room number with a leading zero', '5栋2单元0602门口'],
  ['amount', '维修费 1380.50 元，押金 ¥13800'],
  ['large amount with commas', '合同金额 1,380,000 元'],
  ['date', '2026-07-01 至 2026-12-31'],
  ['date run together', '20260701 开始施工'],
  ['date and time', '2026年7月1日 13:45'],
  ['year', '2026年'],
  ['ticket number', '工单 #10245 已处理，参见 #1024'],
  ['hotline', '拨打12345热线或400-123-4567'],
  ['area', '建筑面积 89.36 平方米'],
  ['percent', '收缴率 95.5%'],
  ['unified social credit code', '统一社会信用代码 91110108551385082Q'],
  ['long order number', '订单号 2026070112345678901'],
  ['short numbers', '3号楼 12层 共 138 户'],
];

describe('scrubPersonal: the one masking step for free text leaving the property side', () => {
  it.each(PERSONAL_NUMBERS)('masks %s', (_form, input, expected) => {
    expect(scrubPersonal(input)).toBe(expected);
  });

  it('has a table of at least 20 personal forms', () => {
    expect(PERSONAL_NUMBERS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(KEPT)('keeps %s', (_form, input) => {
    expect(scrubPersonal(input)).toBe(input);
  });

  it('passes null and empty text through', () => {
    expect(scrubPersonal(null)).toBeNull();
    expect(scrubPersonal('')).toBe('');
  });

  it('masks every string of a plain structure and leaves numbers alone', () => {
    expect(scrubStrings({ item: '广告位 联系 13812345678', amountFen: 13812345678, fields: { counterparty: ['张 138 1234 5678'] } })).toEqual({
      item: '广告位 联系 138****5678',
      amountFen: 13812345678,
      fields: { counterparty: ['张 138****5678'] },
    });
  });
});

describe('maskName: a party as those outside the office see them', () => {
  it.each([
    ['张三丰', '张**'],
    ['李四', '李*'],
    ['王', '王*'],
    [' 欧阳娜娜 ', '欧***'],
    ['', ''],
  ])('%s → %s', (name, masked) => expect(maskName(name)).toBe(masked));
});
