import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import * as yauzl from 'yauzl';
import { PROPERTY_TYPES, PROPERTY_TYPE_LABELS, parseFloorArea, type ImportRowError, type PropertyType } from '@wuye/contracts';

/**
 * Reading a roster of buildings and houses from CSV (UTF-8 or the GBK/GB18030 that Excel writes on Chinese
 * Windows) or .xlsx. Pure functions: the service decides what to do with the result.
 */
export interface SheetRow {
  /** The row number the user sees in their spreadsheet (header = its own row). */
  row: number;
  cells: string[];
}

export interface ParsedHouse {
  row: number;
  building: string;
  unit: string;
  floor: number;
  number: string;
  floorAreaCenti: number;
  propertyType: PropertyType;
}

export const MAX_IMPORT_ROWS = 20000;
/**
 * What an .xlsx may unpack to. An .xlsx is a zip: 5 MB of it can inflate to gigabytes (a zip bomb), all of which
 * exceljs would hold in memory. 20,000 rows of a roster are a few MB of XML.
 */
export const MAX_IMPORT_UNZIPPED_BYTES = 50 * 1024 * 1024;
const MAX_IMPORT_ZIP_ENTRIES = 1000;

type Field = 'building' | 'unit' | 'floor' | 'number' | 'floorArea' | 'propertyType';
const FIELD_LABELS: Record<Field, string> = {
  building: '楼栋',
  unit: '单元',
  floor: '楼层',
  number: '房号',
  floorArea: '建筑面积',
  propertyType: '类型',
};
const HEADER_ALIASES: Record<Field, string[]> = {
  building: ['楼栋', '楼号', '栋', '楼栋号', 'building'],
  unit: ['单元', '单元号', 'unit'],
  floor: ['楼层', '层', '所在楼层', 'floor'],
  number: ['房号', '房间号', '室', '户号', 'number', 'room'],
  floorArea: ['建筑面积', '面积', 'floorarea', 'floor_area', 'area'],
  propertyType: ['类型', '物业类型', '用途', '房屋类型', 'type', 'propertytype', 'property_type'],
};
const REQUIRED: Field[] = ['building', 'number', 'floorArea'];

/** "建筑面积（㎡）" → "建筑面积": drop units in brackets, spaces and case. */
const normaliseHeader = (text: string) =>
  text
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();

function decodeText(buffer: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
  // U+FFFD means the bytes were not UTF-8: Excel's "CSV" on Chinese Windows is GB18030 (a superset of GBK).
  const text = utf8.includes('\uFFFD') ? new TextDecoder('gb18030').decode(buffer) : utf8;
  return text.replace(/^\uFEFF/, '');
}

const isZip = (buffer: Buffer) => buffer.length > 4 && buffer.readUInt32LE(0) === 0x04034b50;

export class ImportFileError extends Error {}
/** Past the caps on unpacked size or rows: refused before it is read whole. */
export class ImportTooLargeError extends Error {}

/**
 * Unpacks every entry of the zip with a running count (yauzl also checks each entry against the size it declares),
 * stopping at the cap: the bytes exceljs is then given are known to inflate to at most MAX_IMPORT_UNZIPPED_BYTES.
 */
async function checkUnzippedSize(buffer: Buffer): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, file) => (error ? reject(new ImportFileError('无法读取该 Excel 文件，请另存为 .xlsx 或 CSV 后重试')) : resolve(file))),
  );
  let total = 0;
  let entries = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      zip.close();
      reject(error);
    };
    zip.on('error', () => fail(new ImportFileError('无法读取该 Excel 文件，请另存为 .xlsx 或 CSV 后重试')));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (++entries > MAX_IMPORT_ZIP_ENTRIES) return fail(new ImportTooLargeError(`表格文件包含的部件太多（超过 ${MAX_IMPORT_ZIP_ENTRIES} 个）`));
      if (total + entry.uncompressedSize > MAX_IMPORT_UNZIPPED_BYTES) return fail(new ImportTooLargeError(`表格解压后超过 ${MAX_IMPORT_UNZIPPED_BYTES / 1024 / 1024} MB`));
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return fail(new ImportFileError('无法读取该 Excel 文件，请另存为 .xlsx 或 CSV 后重试'));
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > MAX_IMPORT_UNZIPPED_BYTES) {
            stream.destroy();
            fail(new ImportTooLargeError(`表格解压后超过 ${MAX_IMPORT_UNZIPPED_BYTES / 1024 / 1024} MB`));
          }
        });
        stream.on('error', () => fail(new ImportFileError('无法读取该 Excel 文件，请另存为 .xlsx 或 CSV 后重试')));
        stream.on('end', () => zip.readEntry());
      });
    });
    zip.readEntry();
  });
}

/** Rows of the first sheet, as text. Throws ImportFileError when the file is neither CSV nor .xlsx. */
export async function readSheet(buffer: Buffer): Promise<SheetRow[]> {
  if (isZip(buffer)) {
    await checkUnzippedSize(buffer);
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    } catch {
      throw new ImportFileError('无法读取该 Excel 文件，请另存为 .xlsx 或 CSV 后重试');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const rows: SheetRow[] = [];
    if (sheet.actualRowCount > MAX_IMPORT_ROWS + 1) throw new ImportTooLargeError(`一次最多导入 ${MAX_IMPORT_ROWS} 行`);
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text.trim());
      rows.push({ row: rowNumber, cells });
    });
    return rows;
  }
  if (buffer.subarray(0, 4096).includes(0)) throw new ImportFileError('文件格式不支持，请上传 CSV 或 .xlsx 文件');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(decodeText(buffer), {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      // One record past the cap is enough to know the file has too many (validateRows says so); no need to read on.
      to: MAX_IMPORT_ROWS + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new ImportFileError(`CSV 格式有误${line ? `（第 ${line} 行附近）` : ''}，请检查引号和分隔符`);
  }
  return records.map(({ record, info }) => ({ row: info.lines, cells: record.map((c) => c.trim()) }));
}

function parsePropertyType(text: string): PropertyType | null {
  if (!text) return 'residence';
  const lower = text.toLowerCase();
  if ((PROPERTY_TYPES as readonly string[]).includes(lower)) return lower as PropertyType;
  const byLabel = PROPERTY_TYPES.find((t) => PROPERTY_TYPE_LABELS[t] === text);
  if (byLabel) return byLabel;
  if (['车位', '车库', '地下室'].includes(text)) return 'garage';
  if (['商业', '门面', '底商'].includes(text)) return 'shop';
  return null;
}

/** Checks every row: the valid ones come back as houses, each problem with its row number. Import only when there are no errors. */
export function validateRows(rows: SheetRow[]): { houses: ParsedHouse[]; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c !== ''));
  const header = nonEmpty[0];
  if (!header) return { houses: [], errors: [{ row: 1, reason: '文件是空的' }] };

  const columns = new Map<Field, number>();
  header.cells.forEach((text, index) => {
    const key = normaliseHeader(text);
    const field = (Object.keys(HEADER_ALIASES) as Field[]).find((f) => HEADER_ALIASES[f].includes(key));
    if (field && !columns.has(field)) columns.set(field, index);
  });
  const missing = REQUIRED.filter((f) => !columns.has(f));
  if (missing.length) {
    return {
      houses: [],
      errors: missing.map((f) => ({ row: header.row, column: FIELD_LABELS[f], reason: `缺少“${FIELD_LABELS[f]}”列` })),
    };
  }
  const dataRows = nonEmpty.slice(1);
  if (dataRows.length === 0) return { houses: [], errors: [{ row: header.row, reason: '表头下没有数据行' }] };
  if (dataRows.length > MAX_IMPORT_ROWS) {
    return { houses: [], errors: [{ row: header.row, reason: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入` }] };
  }

  const cell = (r: SheetRow, f: Field) => (columns.has(f) ? (r.cells[columns.get(f) as number] ?? '').trim() : '');
  const seen = new Map<string, number>();
  const houses: ParsedHouse[] = [];
  for (const r of dataRows) {
    const problem = (field: Field, reason: string) => errors.push({ row: r.row, column: FIELD_LABELS[field], reason });
    const before = errors.length;
    const building = cell(r, 'building');
    const unit = cell(r, 'unit');
    const number = cell(r, 'number');
    if (!building) problem('building', '楼栋不能为空');
    else if (building.length > 32) problem('building', '楼栋名称不能超过32个字');
    if (unit.length > 16) problem('unit', '单元不能超过16个字');
    if (!number) problem('number', '房号不能为空');
    else if (number.length > 16) problem('number', '房号不能超过16个字');

    const floorText = cell(r, 'floor').replace(/[层楼F]$/i, '');
    let floor: number | null = null;
    if (floorText) {
      floor = /^-?\d{1,3}$/.test(floorText) ? Number(floorText) : null;
      if (floor === null || floor < -5 || floor > 200) problem('floor', `楼层“${cell(r, 'floor')}”不是 -5 到 200 之间的整数`);
    } else if (/^\d{3,4}$/.test(number)) {
      floor = Math.floor(Number(number) / 100); // 1201 → 12th floor, as Chinese room numbers are written
    } else if (number) {
      problem('floor', '楼层不能为空（房号无法推算楼层）');
    }

    const areaText = cell(r, 'floorArea').replace(/\s*(㎡|m²|m2|平方米|平米|平)$/i, '');
    const floorAreaCenti = areaText ? parseFloorArea(areaText) : null;
    if (!areaText) problem('floorArea', '建筑面积不能为空');
    else if (floorAreaCenti === null || floorAreaCenti > 9_999_999) {
      problem('floorArea', `建筑面积“${cell(r, 'floorArea')}”应为大于 0 的数字，最多两位小数`);
    }

    const propertyType = parsePropertyType(cell(r, 'propertyType'));
    if (!propertyType) problem('propertyType', `类型“${cell(r, 'propertyType')}”无法识别（住宅、商铺、办公、车库、其他）`);

    if (building && number) {
      const key = `${building}\u0000${unit}\u0000${number}`;
      const first = seen.get(key);
      if (first !== undefined) problem('number', `与第 ${first} 行是同一套房屋`);
      else seen.set(key, r.row);
    }
    if (errors.length === before) {
      houses.push({
        row: r.row,
        building,
        unit,
        floor: floor as number,
        number,
        floorAreaCenti: floorAreaCenti as number,
        propertyType: propertyType as PropertyType,
      });
    }
  }
  return { houses, errors };
}
