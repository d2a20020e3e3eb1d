import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [TicketsModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class SeedModule {}
