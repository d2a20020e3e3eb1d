import { act } from '@testing-library/react';
import type { MeView, RoleScope } from '@wuye/contracts';

/** Lets one round of pending promises settle inside React's act(). */
export const settle = () =>
  act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

/** A signed-in person with these roles and no house (staff, officers, regulators). */
export const staffMe = (id: number, displayName: string, roles: RoleScope[]): MeView => ({ id, displayName, phone: null, roles, houses: [], wechat: false });
