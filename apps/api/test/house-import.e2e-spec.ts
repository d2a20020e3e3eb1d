import ExcelJS from 'exceljs';
import { AuditEntry } from '../src/modules/identity/audit-entry.entity';
import { Building } from '../src/modules/org/building.entity';
import { House } from '../src/modules/org/house.entity';
import { useTestApp } from './support/app';
import { createEstate, Estate, roleIn } from './support/fixtures';

describe('bulk import of buildings and houses', () => {
  const t = useTestApp();
  let estate: Estate;
  let manager: { Authorization: string };
  beforeEach(async () => {
    estate = await createEstate(t.db);
    manager = await t.signInAs(roleIn(estate).manager);
  });

  const upload = (body: Buffer, filename: string, query = '') =>
    t.http().post(`/api/v1/communities/${estate.community.id}/houses/import${query}`).set(manager).attach('file', body, filename);
  const houseCount = () => t.db.getRepository(House).countBy({ communityId: estate.community.id });
  const buildingCount = () => t.db.getRepository(Building).countBy({ communityId: estate.community.id });

  it('imports a clean CSV: creates the buildings it names and every house', async () => {
    const csv = ['楼栋,单元,楼层,房号,建筑面积（㎡）,类型', '9栋,1单元,12,1201,89.35,住宅', '9栋,1单元,12,1202,118.76,住宅', '10栋,,1,0101,45.5,商铺', '10栋,,,0201,60㎡,'].join('\n');
    const res = await upload(Buffer.from(csv), 'roster.csv').expect(201);
    expect(res.body).toEqual({ dryRun: false, rows: 4, buildingsCreated: 2, housesCreated: 4 });
    const houses = await t.http().get(`/api/v1/communities/${estate.community.id}/houses?limit=100`).set(manager).expect(200);
    const labels = houses.body.items.map((h: { label: string; floorArea: number; floor: number; propertyType: string }) => [h.label, h.floorArea, h.floor, h.propertyType]);
    expect(labels).toEqual(
      expect.arrayContaining([
        ['9栋1单元1201', 89.35, 12, 'residence'],
        ['9栋1单元1202', 118.76, 12, 'residence'],
        ['10栋0101', 45.5, 1, 'shop'],
        ['10栋0201', 60, 2, 'residence'],
      ]),
    );
    const audit = await t.db.getRepository(AuditEntry).findOneByOrFail({ action: 'houses.import', communityId: estate.community.id });
    expect(audit.after).toEqual({ buildingsCreated: 2, housesCreated: 4 });
  });

  it('reports every bad row with its row number and reason, and imports nothing', async () => {
    const housesBefore = await houseCount();
    const buildingsBefore = await buildingCount();
    const csv = [
      '楼栋,单元,楼层,房号,建筑面积',
      '20栋,1单元,3,0301,88.12', // row 2: fine
      ',1单元,3,0302,88.12', // row 3: no building
      '20栋,1单元,3,0303,-5', // row 4: negative area
      '20栋,1单元,3,0304,88.123', // row 5: three decimals
      '20栋,1单元,三,0305,88', // row 6: floor not a number
      '20栋,1单元,3,0301,90', // row 7: same house as row 2
      '1栋,1单元,1,0101,70', // row 8: exists already (fixture)
    ].join('\r\n');
    const res = await upload(Buffer.from(csv), 'bad.csv').expect(422);
    expect(res.body.code).toBe('IMPORT_INVALID');
    expect(res.body.message).toContain('未导入任何数据');
    const rows = res.body.details.errors.map((e: { row: number; column: string }) => [e.row, e.column]);
    expect(rows).toEqual([
      [3, '楼栋'],
      [4, '建筑面积'],
      [5, '建筑面积'],
      [6, '楼层'],
      [7, '房号'],
      [8, '房号'],
    ]);
    expect(res.body.details.errors[4].reason).toContain('第 2 行');
    expect(res.body.details.errors[5].reason).toContain('已存在');
    expect(await houseCount()).toBe(housesBefore);
    expect(await buildingCount()).toBe(buildingsBefore);
  });

  it('names a missing required column', async () => {
    const res = await upload(Buffer.from('楼栋,房号\n1栋,0101\n'), 'cols.csv').expect(422);
    expect(res.body.details.errors).toEqual([{ row: 1, column: '建筑面积', reason: '缺少“建筑面积”列' }]);
  });

  it('reads the GBK CSV that Excel saves on Chinese Windows', async () => {
    // "楼栋,房号,建筑面积\n8栋,0101,66.6" encoded as GBK.
    const gbk = Buffer.from('c2a5b6b02cb7bfbac52cbda8d6fec3e6bbfd0a38b6b02c303130312c36362e36', 'hex');
    const res = await upload(gbk, 'gbk.csv').expect(201);
    expect(res.body).toMatchObject({ housesCreated: 1, buildingsCreated: 1 });
    const building = await t.db.getRepository(Building).findOneByOrFail({ communityId: estate.community.id, name: '8栋' });
    expect(await t.db.getRepository(House).findOneByOrFail({ buildingId: building.id })).toMatchObject({ number: '0101', floor: 1, floorAreaCenti: 6660 });
  });

  it('imports .xlsx and reports rows as Excel numbers them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('房屋');
    sheet.addRow(['小区房屋清单']); // a title row above the header, as people do
    sheet.addRow(['楼栋', '单元', '楼层', '房号', '建筑面积', '类型']);
    sheet.addRow(['11栋', '2单元', 5, '0501', 96.18, '住宅']);
    sheet.addRow(['11栋', '2单元', 5, '0502', 'abc', '住宅']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const bad = await upload(buffer, 'roster.xlsx').expect(422);
    // The title row is not a header; the importer finds no 楼栋 column there.
    expect(bad.body.details.errors[0]).toMatchObject({ row: 1 });

    const clean = new ExcelJS.Workbook();
    const s2 = clean.addWorksheet('房屋');
    s2.addRow(['楼栋', '单元', '楼层', '房号', '建筑面积', '类型']);
    s2.addRow(['11栋', '2单元', 5, '0501', 96.18, '住宅']);
    s2.addRow(['11栋', '2单元', 5, '0502', 'abc', '住宅']);
    const res = await upload(Buffer.from(await clean.xlsx.writeBuffer()), 'roster.xlsx').expect(422);
    expect(res.body.details.errors).toEqual([expect.objectContaining({ row: 3, column: '建筑面积' })]);

    s2.getRow(3).getCell(5).value = 88.8;
    const ok = await upload(Buffer.from(await clean.xlsx.writeBuffer()), 'roster.xlsx').expect(201);
    expect(ok.body).toMatchObject({ housesCreated: 2 });
  });

  it('checks without writing on a dry run', async () => {
    const before = await houseCount();
    const res = await upload(Buffer.from('楼栋,房号,建筑面积\n30栋,0101,70\n'), 'dry.csv', '?dryRun=true').expect(201);
    expect(res.body).toEqual({ dryRun: true, rows: 1, buildingsCreated: 1, housesCreated: 1 });
    expect(await houseCount()).toBe(before);
  });

  it('refuses files that are not spreadsheets, and files that are too large', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const wrong = await upload(Buffer.concat([png, Buffer.alloc(64)]), 'photo.csv').expect(415);
    expect(wrong.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const huge = await upload(Buffer.alloc(5 * 1024 * 1024 + 1, 0x41), 'huge.csv').expect(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    const none = await t.http().post(`/api/v1/communities/${estate.community.id}/houses/import`).set(manager).expect(400);
    expect(none.body.message).toContain('file');
  });

  it('is refused to a manager of another estate, as if the estate did not exist', async () => {
    const other = await createEstate(t.db);
    const res = await t.http().post(`/api/v1/communities/${other.community.id}/houses/import`).set(manager).attach('file', Buffer.from('楼栋,房号,建筑面积\n1栋,0101,70\n'), 'x.csv').expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect(await t.db.getRepository(House).countBy({ communityId: other.community.id })).toBe(4);
  });
});
