import { Module } from '@nestjs/common';
import { IdentityCoreModule } from '../identity/identity-core.module';
import { TicketsModule } from '../tickets/tickets.module';
import { PatrolsController } from './patrols.controller';
import { PatrolsService } from './patrols.service';

@Module({
  imports: [IdentityCoreModule, TicketsModule],
  controllers: [PatrolsController],
  providers: [PatrolsService],
  exports: [PatrolsService],
})
export class PatrolsModule {}
