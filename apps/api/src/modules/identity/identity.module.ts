import { DynamicModule, Module } from '@nestjs/common';
import { devSignInEnabled } from '../../config';
import { AccountsController } from './accounts.controller';
import { AuthController } from './auth.controller';
import { BindingsController } from './bindings.controller';
import { BindingsService } from './bindings.service';
import { DevAuthController } from './dev-auth.controller';
import { IdentityCoreModule } from './identity-core.module';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { RolesController } from './roles.controller';
import { RolesService } from './roles.service';

@Module({})
export class IdentityModule {
  /** Decided at start-up: the development sign-in routes are simply absent in production. */
  static register(): DynamicModule {
    return {
      module: IdentityModule,
      imports: [IdentityCoreModule],
      controllers: [AuthController, AccountsController, MeController, BindingsController, RolesController, ...(devSignInEnabled() ? [DevAuthController] : [])],
      providers: [BindingsService, MeService, RolesService],
      exports: [BindingsService],
    };
  }
}
