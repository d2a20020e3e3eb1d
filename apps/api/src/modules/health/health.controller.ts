import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors';
import { Public } from '../identity/access.decorators';

/** GET /api/health: is the process up and the database answering? For load balancers and `npm start` users. */
@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @Public()
  async health(): Promise<{ status: 'ok'; database: 'up'; engine: string }> {
    try {
      await this.db.query('SELECT 1');
    } catch {
      throw new DomainError(503, 'DB_UNAVAILABLE', '数据库暂时不可用', undefined, { 'Retry-After': '5' });
    }
    return { status: 'ok', database: 'up', engine: this.db.options.type };
  }
}
