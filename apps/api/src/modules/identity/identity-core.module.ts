import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { AuthService } from './auth.service';
import { GrantsService } from './grants.service';

/** What every other module needs from identity: tokens, grants, the audit log. No routes. */
@Module({
  providers: [AuthService, GrantsService, AuditService],
  exports: [AuthService, GrantsService, AuditService],
})
export class IdentityCoreModule {}
