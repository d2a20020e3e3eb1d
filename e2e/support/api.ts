import * as fs from 'node:fs';

/**
 * The API as a demo account, for the steps of a journey that happen on someone else's phone (the manager accepts,
 * the repairman resolves) and for checking what the server holds. Development sign-in, as the H5 picker uses.
 */
export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /** POST /api/v1/uploads with a file from disk; answers the upload's id. */
  upload(file: string): Promise<number>;
}

async function answer<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function apiAs(baseUrl: string, user: string): Promise<ApiClient> {
  const signIn = await fetch(`${baseUrl}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) });
  const { accessToken } = await answer<{ accessToken: string }>(signIn, `sign-in as ${user}`);
  const auth = { Authorization: `Bearer ${accessToken}` };
  return {
    get: async (path) => answer(await fetch(`${baseUrl}${path}`, { headers: auth }), `GET ${path}`),
    post: async (path, body) =>
      answer(
        await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }),
        `POST ${path}`,
      ),
    put: async (path, body) =>
      answer(await fetch(`${baseUrl}${path}`, { method: 'PUT', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }), `PUT ${path}`),
    upload: async (file) => {
      const form = new FormData();
      form.append('file', new Blob([fs.readFileSync(file)], { type: 'image/jpeg' }), 'photo.jpg');
      const uploaded = await answer<{ id: number }>(await fetch(`${baseUrl}/api/v1/uploads`, { method: 'POST', headers: auth, body: form }), 'POST /api/v1/uploads');
      return uploaded.id;
    },
  };
}
