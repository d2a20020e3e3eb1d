import { scrubPersonal, scrubStrings, maskName } from './privacy';

/** Personal numbers as residents type them into a description, a comment or a question. */
const MASKED: [string, string, string][] = [
  ['mobile, plain', '请联系13812345678', '请联系138****5678'],
  ['mobile, spaces 3-4-4', '电话 138 1234 5678 谢谢', '电话 138****5678 谢谢'],
  ['mobile, dashes', '138-1234-5678', '138****5678'],
  ['mobile, dots', '138.1234.5678', '138****5678'],
  ['mobile, 4-3-4', '1381 234 5678', '138****5678'],
  ['mobile, +86', '+8613912345678', '139****5678'],
  ['mobile, +86 and a space', '+86 139 1234 5678', '139****5678'],
  ['mobile, +86-', '+86-15912345678', '159****5678'],
  ['mobile, 86 without plus', '86 18612345678', '186****5678'],
  ['mobile, 86 run together', '8617712345678', '177****5678'],
  ['mobile, 0086', '0086 13512345678', '135****5678'],
  ['mobile, (+86)', '(+86)13612345678', '136****5678'],
  ['mobile, full-width digits', '手机１３８１２３４５６７８', '手机138****5678'],
  ['mobile, full-width +86 and full-width space', '＋８６\u3000１３８\u3000１２３４\u3000５６７８', '138****5678'],
  ['mobile, full-width dashes', '１３８－１２３４－５６７８', '138****5678'],
  ['mobile, next to Chinese text', '找王师傅19912345678修', '找王师傅199****5678修'],
  ['two mobiles', '13812345678或13987654321', '138****5678或139****4321'],
  ['landline, Beijing', '010-12345678', '010-****5678'],
  ['landline, 4-digit area', '0571-87654321', '0571-****4321'],
  ['landline, 7-digit number', '0755-8765432', '0755-****5432'],
  ['landline, brackets', '(010)62345678', '010-****5678'],
  ['landline, full-width brackets', '（０５７１）８７６５４３２１', '0571-****4321'],
  ['landline, spaces', '021 6234 5678', '021-****5678'],
  ['landline, extension', '010-62345678-801', '010-****5678'],
  ['landline, 转 extension', '0571-87654321转302', '0571-****4321'],
  ['ID card', '身份证110101199003074518', '身份证110101********4518'],
  ['ID card ending in X', '11010519491231002X', '110105********002X'],
  ['ID card, lowercase x', '11010519491231002x', '110105********002x'],
  ['ID card, spaces 6-8-4', '110101 19900307 4518', '110101********4518'],
  ['ID card, spaces 6-4-4-4', '110101 1990 0307 4518', '110101********4518'],
  ['ID card, full-width digits', '１１０１０１１９９００３０７４５１８', '110101********4518'],
];

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
  it.each(MASKED)('masks %s', (_form, input, expected) => {
    expect(scrubPersonal(input)).toBe(expected);
  });

  it('has a table of at least 20 personal forms', () => {
    expect(MASKED.length).toBeGreaterThanOrEqual(20);
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
