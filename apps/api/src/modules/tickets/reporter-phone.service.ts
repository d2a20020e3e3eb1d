import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { authConfig, type AuthConfig } from '../../config';
import { conflict, notFound } from '../../common/errors';
import { AuditService } from '../identity/audit.service';
import { decryptPhone } from '../identity/phone';
import type { Principal } from '../identity/principal';
import { User } from '../identity/user.entity';
import { Ticket } from './ticket.entity';

/**
 * 联系报事人: the estate's property side reads the reporter's full number to call them about the ticket (a repair
 * needs a time to come in). Everyone else sees it masked; each reveal is written to the audit log (个人信息保护法).
 */
@Injectable()
export class ReporterPhoneService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
    private readonly audit: AuditService,
  ) {}

  async reveal(ticketId: number, caller: Principal): Promise<{ phone: string }> {
    const t = await this.db.getRepository(Ticket).findOneBy({ id: ticketId });
    if (!t || !caller.mayInCommunity('tickets.property', t.communityId)) throw notFound('ticket');
    const reporter = t.reporterId !== null ? await this.db.getRepository(User).findOneBy({ id: t.reporterId }) : null;
    if (!reporter?.phoneCipher) throw conflict('PHONE_UNKNOWN', '报事人没有登记手机号');
    const phone = decryptPhone(reporter.phoneCipher, this.auth.phoneKey);
    await this.audit.record({ actorId: caller.userId, action: 'ticket.reporter_phone', entityType: 'ticket', entityId: t.id, communityId: t.communityId, after: { reporterId: reporter.id } });
    return { phone };
  }
}
