import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ContractView, Page } from '@wuye/contracts';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { ContractsService } from './contracts.service';
import { CreateContractDto, EndContractDto, ListContractsQuery } from './dto/contract.dto';

@ApiTags('org')
@ApiBearerAuth()
@Controller('contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @Get()
  @Allow('contracts.read')
  list(@Query() query: ListContractsQuery, @Caller() caller: Principal): Promise<Page<ContractView>> {
    return this.contracts.list(query, caller);
  }

  @Get(':id')
  @Allow('contracts.read')
  get(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<ContractView> {
    return this.contracts.get(id, caller);
  }

  @Post()
  @Allow('org.admin')
  create(@Body() dto: CreateContractDto, @Caller() caller: Principal): Promise<ContractView> {
    return this.contracts.create(dto, caller);
  }

  /** 合同终止/清退/改选: the company loses access to the community at once. */
  @Post(':id/end')
  @HttpCode(200)
  @Allow('org.admin')
  end(@Param('id', ParseIdPipe) id: number, @Body() dto: EndContractDto, @Caller() caller: Principal): Promise<ContractView> {
    return this.contracts.end(id, dto, caller);
  }
}
