import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CompanyView, Page } from '@wuye/contracts';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller, SignedIn } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { CompaniesService } from './companies.service';
import { CreateCompanyDto, ListCompaniesQuery, UpdateCompanyDto } from './dto/company.dto';

@ApiTags('org')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Get()
  @SignedIn()
  list(@Query() query: ListCompaniesQuery): Promise<Page<CompanyView>> {
    return this.companies.list(query);
  }

  @Get(':id')
  @SignedIn()
  get(@Param('id', ParseIdPipe) id: number): Promise<CompanyView> {
    return this.companies.get(id);
  }

  @Post()
  @Allow('org.admin')
  create(@Body() dto: CreateCompanyDto, @Caller() caller: Principal): Promise<CompanyView> {
    return this.companies.create(dto, caller);
  }

  @Patch(':id')
  @Allow('org.admin')
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateCompanyDto, @Caller() caller: Principal): Promise<CompanyView> {
    return this.companies.update(id, dto, caller);
  }
}
