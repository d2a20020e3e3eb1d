import { readSheet, validateRows } from './house-import';

const rows = (...lines: string[][]) => lines.map((cells, i) => ({ row: i + 1, cells }));

describe('house roster rows', () => {
  it('accepts header aliases and derives the floor from the room number', () => {
    const { houses, errors } = validateRows(rows(['楼号', '房间号', '面积（平方米）', '用途'], ['2栋', '1502', '96.18平方米', '车位']));
    expect(errors).toEqual([]);
    expect(houses).toEqual([{ row: 2, building: '2栋', unit: '', floor: 15, number: '1502', floorAreaCenti: 9618, propertyType: 'garage' }]);
  });

  it('skips blank lines and reports the header row when data is missing', () => {
    expect(validateRows(rows(['楼栋', '房号', '建筑面积'], ['', '', ''])).errors).toEqual([{ row: 1, reason: '表头下没有数据行' }]);
    expect(validateRows([]).errors).toEqual([{ row: 1, reason: '文件是空的' }]);
  });

  it('refuses unknown property types and floors out of range', () => {
    const { errors } = validateRows(rows(['楼栋', '楼层', '房号', '建筑面积', '类型'], ['1栋', '300', 'A1', '50', '城堡']));
    expect(errors.map((e) => e.column)).toEqual(['楼层', '类型']);
  });

  it('needs a floor when the room number does not tell it', () => {
    const { errors } = validateRows(rows(['楼栋', '房号', '建筑面积'], ['1栋', 'A座东', '50']));
    expect(errors).toEqual([{ row: 2, column: '楼层', reason: '楼层不能为空（房号无法推算楼层）' }]);
  });

  it('reads CSV rows with their line numbers, quoted commas included', async () => {
    const sheet = await readSheet(Buffer.from('\uFEFF楼栋,房号,建筑面积\n\n"1栋,东",0101,50\n'));
    expect(sheet).toEqual([
      { row: 1, cells: ['楼栋', '房号', '建筑面积'] },
      { row: 3, cells: ['1栋,东', '0101', '50'] },
    ]);
  });

  it('says where a CSV is broken', async () => {
    await expect(readSheet(Buffer.from('楼栋,房号\n"1栋,0101\n'))).rejects.toThrow(/CSV/);
  });
});
