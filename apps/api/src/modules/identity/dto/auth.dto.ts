import { BoolField, TextField } from '../../../common/fields';
import { PageQuery } from '../../../common/pagination';

export class RefreshDto {
  @TextField({ max: 200 })
  refreshToken: string;
}

export class DevSignInDto {
  @TextField({ max: 64, description: 'Key of a demo account, from GET /api/v1/auth/dev/users', example: 'resident.jinxiu' })
  user: string;
}

export class WechatSignInDto {
  @TextField({ max: 128, description: 'The code from wx.login()' })
  code: string;
}

export class PhoneDto {
  @TextField({ max: 128, description: 'The code from the getPhoneNumber button' })
  code: string;

  @BoolField({ optional: true, description: 'Replace a number already on file' })
  replace?: boolean;
}

export class RenameDto {
  @TextField({ max: 32, example: '张阿姨' })
  displayName: string;
}

export class AuditQuery extends PageQuery {
  @TextField({ max: 32, optional: true, example: 'role_assignment' })
  entityType?: string;
}
