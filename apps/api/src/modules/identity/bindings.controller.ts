import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { BindingView, Page } from '@wuye/contracts';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller, SignedIn } from './access.decorators';
import { BindingsService } from './bindings.service';
import { CreateBindingDto, ListBindingsQuery, RejectBindingDto, RemoveBindingDto } from './dto/binding.dto';
import type { Principal } from './principal';

@ApiTags('bindings')
@ApiBearerAuth()
@Controller()
export class BindingsController {
  constructor(private readonly bindings: BindingsService) {}

  /** 申请绑定房屋: as owner, family or tenant; the estate's manager or committee decides (BindingsService: who exactly). */
  @Post('bindings')
  @SignedIn()
  request(@Body() dto: CreateBindingDto, @Caller() caller: Principal): Promise<BindingView> {
    return this.bindings.request(dto, caller);
  }

  /** The review queue (?state=pending); a community office sees the owner requests for houses that have an owner. */
  @Get('communities/:id/bindings')
  @Allow('bindings.review', 'bindings.arbitrate')
  list(@Param('id', ParseIdPipe) id: number, @Query() query: ListBindingsQuery, @Caller() caller: Principal): Promise<Page<BindingView>> {
    return this.bindings.listForCommunity(id, query, caller);
  }

  /** 通过: the estate's reviewers, or the community office for an owner request on a house that has an owner; never one's own. */
  @Post('bindings/:id/approve')
  @HttpCode(200)
  @Allow('bindings.review', 'bindings.arbitrate')
  approve(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<BindingView> {
    return this.bindings.approve(id, caller);
  }

  @Post('bindings/:id/reject')
  @HttpCode(200)
  @Allow('bindings.review', 'bindings.arbitrate')
  reject(@Param('id', ParseIdPipe) id: number, @Body() dto: RejectBindingDto, @Caller() caller: Principal): Promise<BindingView> {
    return this.bindings.reject(id, dto, caller);
  }

  /** 解除绑定: the resident, an owner of the house (family, tenants), or a reviewer (with a reason). */
  @Post('bindings/:id/remove')
  @HttpCode(200)
  @SignedIn()
  remove(@Param('id', ParseIdPipe) id: number, @Body() dto: RemoveBindingDto, @Caller() caller: Principal): Promise<BindingView> {
    return this.bindings.remove(id, dto, caller);
  }
}
