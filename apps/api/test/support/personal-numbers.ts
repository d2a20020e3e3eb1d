/**
 * Personal numbers as residents type them into a description, a comment or a question: [form, as typed, as shown
 * beyond the property side]. The unit table of common/privacy.ts, and what the e2e privacy spec sends through a
 * public answer.
 */
export const PERSONAL_NUMBERS: readonly (readonly [form: string, typed: string, masked: string])[] = [
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
