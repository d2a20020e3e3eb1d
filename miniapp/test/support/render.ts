import { act, fireEvent } from '@testing-library/react';
import type { MeView, RoleScope } from '@wuye/contracts';
import { flush } from './fake-api';

/** Lets one round of pending promises settle inside React's act(). */
export const settle = () =>
  act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

/** A signed-in person with these roles and no house (staff, officers, regulators). */
export const staffMe = (id: number, displayName: string, roles: RoleScope[]): MeView => ({ id, displayName, phone: null, roles, houses: [], wechat: false });

/** Taps the element the selector finds and lets what the tap started (calls to the fake API) settle. */
export const tap = (selector: string) =>
  act(async () => {
    fireEvent.click(document.querySelector(selector) as HTMLElement);
    await flush();
  });
