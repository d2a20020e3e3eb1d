import { Module } from '@nestjs/common';
import { IdentityCoreModule } from '../identity/identity-core.module';
import { AreasController } from './areas.controller';
import { AreasService } from './areas.service';
import { CommunitiesController } from './communities.controller';
import { CommunitiesService } from './communities.service';
import { CompaniesController } from './companies.controller';
import { CompaniesService } from './companies.service';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';
import { DirectoryController } from './directory.controller';
import { HousesService } from './houses.service';

@Module({
  imports: [IdentityCoreModule],
  controllers: [AreasController, CompaniesController, CommunitiesController, ContractsController, DirectoryController],
  providers: [AreasService, CompaniesService, CommunitiesService, ContractsService, HousesService],
  exports: [CommunitiesService, ContractsService, HousesService],
})
export class OrgModule {}
