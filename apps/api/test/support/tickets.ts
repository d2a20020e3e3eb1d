import type { TestApp } from './app';

type Auth = { Authorization: string };

/** Uploads a photo as this user and returns its id. */
export async function uploadPhoto(t: TestApp, auth: Auth, bytes: Buffer, name = 'photo.jpg'): Promise<number> {
  const res = await t.http().post('/api/v1/uploads').set(auth).attach('file', bytes, name).expect(201);
  return res.body.id;
}

export function report(t: TestApp, auth: Auth, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t
    .http()
    .post('/api/v1/tickets')
    .set(auth)
    .set(headers)
    .send({ kind: 'repair', categoryCode: 'facility', description: '路灯不亮', photoIds: [], ...body });
}

/** Performs a transition with the ticket's current version. */
export async function act(t: TestApp, auth: Auth, id: number, action: string, extra: Record<string, unknown> = {}) {
  const current = await t.http().get(`/api/v1/tickets/${id}`).set(auth);
  return t
    .http()
    .post(`/api/v1/tickets/${id}/transitions`)
    .set(auth)
    .send({ action, version: current.body.version, ...extra });
}
