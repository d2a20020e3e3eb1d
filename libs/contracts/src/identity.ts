import type { RoleScope } from './roles';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

/** A seeded demo account the development sign-in can act as. */
export interface DevAccount {
  key: string;
  displayName: string;
  /** Role labels, e.g. ["项目经理"]. */
  roles: string[];
}

export interface MeView {
  id: number;
  displayName: string;
  /** Masked, e.g. "138****1234"; null when not provided. */
  phone: string | null;
  roles: RoleScope[];
}
