import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, forbidden, unauthenticated } from '../../common/errors';
import { ACCESS_RULE, AccessRule, AuthedRequest } from './access.decorators';
import { AuthService, SESSION_OVER } from './auth.service';
import { GrantsService } from './grants.service';

/** The one authorization gate in front of every route (registered as APP_GUARD). */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly grants: GrantsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) {
      // Fail closed: a route nobody thought about is a route nobody may call.
      throw new DomainError(500, 'INTERNAL', '该接口未声明访问规则', {
        route: `${context.getClass().name}.${context.getHandler().name}`,
      });
    }
    if (rule.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated();
    const claims = this.auth.verify(match[1]);
    const principal = await this.grants.loadPrincipal(claims.sub, claims.sid, String(request.id));
    if (principal === 'gone') throw unauthenticated('UNAUTHENTICATED', '账号不可用，请重新登录');
    if (principal === 'signed-out') throw unauthenticated('UNAUTHENTICATED', SESSION_OVER);
    request.principal = principal;
    if (rule.kind === 'policy' && !rule.policies.some((policy) => principal.may(policy))) throw forbidden();
    return true;
  }
}
