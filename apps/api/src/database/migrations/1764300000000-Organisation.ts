import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { createTable, date, double, id, index, instant, integer, ref, text, timestamps, unique, varchar } from '../migration-helpers';

/** Areas, property companies, communities, buildings, houses, service contracts. */
export class Organisation1764300000000 implements MigrationInterface {
  name = 'Organisation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await createTable(q, 'area', {
      columns: [
        id(),
        varchar('code', 32),
        varchar('name', 64),
        varchar('level', 24),
        ref('parent_id', true),
        varchar('path', 255),
        ...timestamps(q, false),
      ],
      indices: [unique(['code']), ['path']],
    });
    await createTable(q, 'property_company', {
      columns: [
        id(),
        varchar('name', 128),
        varchar('credit_code', 18),
        varchar('contact_phone', 32, true),
        varchar('address', 255, true),
        ...timestamps(q),
      ],
      indices: [unique(['credit_code'])],
    });
    await createTable(q, 'community', {
      columns: [
        id(),
        varchar('code', 32),
        varchar('name', 64),
        ref('area_id'),
        varchar('area_path', 255),
        varchar('address', 255, true),
        double('lat'),
        double('long'),
        ...timestamps(q),
      ],
      indices: [unique(['code']), ['area_path']],
      foreignKeys: [['area_id', 'area']],
    });
    await q.createTable(
      new Table({
        name: 'building',
        columns: [id(), ref('community_id'), varchar('name', 32), ...timestamps(q, false)],
        indices: [index(q, 'building', ['community_id', 'name'], true)],
      }),
    );
    await createTable(q, 'house', {
      columns: [
        id(),
        ref('community_id'),
        ref('building_id'),
        varchar('unit', 16, false, ''),
        integer('floor'),
        varchar('number', 16),
        integer('floor_area_centi'),
        varchar('property_type', 16, false, 'residence'),
        ...timestamps(q, false),
      ],
      indices: [['community_id'], unique(['building_id', 'unit', 'number'])],
      foreignKeys: [['building_id', 'building']],
    });
    await createTable(q, 'service_contract', {
      columns: [
        id(),
        ref('community_id'),
        ref('company_id'),
        date('starts_on'),
        date('ends_on', true),
        varchar('service_grade', 8),
        text('fee_standards'),
        instant('terminated_at', true),
        varchar('end_reason', 16, true),
        varchar('end_note', 255, true),
        ...timestamps(q, false),
      ],
      indices: [['community_id'], ['company_id']],
      foreignKeys: [['community_id', 'community'], ['company_id', 'property_company']],
    });
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['service_contract', 'house', 'building', 'community', 'property_company', 'area']) {
      await q.dropTable(table);
    }
  }
}
