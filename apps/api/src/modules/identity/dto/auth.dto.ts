import { TextField } from '../../../common/fields';

export class RefreshDto {
  @TextField({ max: 200 })
  refreshToken: string;
}

export class DevSignInDto {
  @TextField({ max: 64, description: 'Key of a demo account, from GET /api/v1/auth/dev/users', example: 'resident.jinxiu' })
  user: string;
}
