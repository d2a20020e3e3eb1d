import { Module } from '@nestjs/common';
import { OversightModule } from '../oversight/oversight.module';
import { PatrolsModule } from '../patrols/patrols.module';
import { TicketsModule } from '../tickets/tickets.module';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [TicketsModule, PatrolsModule, OversightModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class SeedModule {}
