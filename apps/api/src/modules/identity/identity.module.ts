import { DynamicModule, Module } from '@nestjs/common';
import { devSignInEnabled } from '../../config';
import { AuthController } from './auth.controller';
import { DevAuthController } from './dev-auth.controller';
import { IdentityCoreModule } from './identity-core.module';

@Module({})
export class IdentityModule {
  /** Decided at start-up: the development sign-in routes are simply absent in production. */
  static register(): DynamicModule {
    return {
      module: IdentityModule,
      imports: [IdentityCoreModule],
      controllers: [AuthController, ...(devSignInEnabled() ? [DevAuthController] : [])],
    };
  }
}
