import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DeadlineFloorsView } from '@wuye/contracts';
import { ParseIdPipe } from '../../common/id.pipe';
import { Allow, Caller } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { CategoriesService } from './categories.service';
import { ReplaceDeadlineFloorsDto } from './dto/category.dto';

/** County floors for ticket deadlines: set by the county regulator, binding every estate of the county. */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller()
export class DeadlineFloorsController {
  constructor(private readonly categories: CategoriesService) {}

  /** The floors that bind an estate's categories (its county's), for the category page. */
  @Get('communities/:id/deadline-floors')
  @Allow('tickets.read')
  forCommunity(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<DeadlineFloorsView> {
    return this.categories.floorsForCommunity(id, caller);
  }

  @Get('areas/:id/deadline-floors')
  @Allow('oversight.read')
  forArea(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<DeadlineFloorsView> {
    return this.categories.floorsForArea(id, caller);
  }

  /** Replaces a county's floors; estates looser than a new floor are brought within it. */
  @Put('areas/:id/deadline-floors')
  @Allow('floors.manage')
  replace(@Param('id', ParseIdPipe) id: number, @Body() dto: ReplaceDeadlineFloorsDto, @Caller() caller: Principal): Promise<DeadlineFloorsView> {
    return this.categories.replaceFloors(id, dto, caller);
  }
}
