import { Ticket } from '../src/modules/tickets/ticket.entity';
import { createTestApp, TestApp } from './support/app';
import { createEstate, createResident, Estate } from './support/fixtures';
import { report } from './support/tickets';

/** Open311 GeoReport v2: field names as the spec has them, errors as [{code, description}], nothing personal. */
describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let estate: Estate;
  let apiKey: string;
  let publicTicket: number;
  let privateTicket: number;
  beforeAll(async () => {
    t = await createTestApp();
    estate = await createEstate(t.db);
    const admin = await t.signInAs({ role: 'platform_admin' });
    apiKey = (await t.http().post('/api/v1/open311-clients').set(admin).send({ name: '清河县12345热线', areaId: estate.county.id }).expect(201)).body.apiKey;
    const owner = await createResident(t.db, estate.houses[0]);
    const resident = await t.signIn(owner.devKey);
    publicTicket = (await report(t, resident, { communityId: estate.community.id, description: '单元门禁坏了，请联系我 13812345678', place: '1栋1单元', lat: 30.27, long: 120.15 }).expect(201)).body.id;
    privateTicket = (await report(t, resident, { communityId: estate.community.id, houseId: estate.houses[0].id, description: '我家厨房漏水' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const j = () => estate.community.code;

  it('lists the estate’s categories as services', async () => {
    const res = await t.http().get(`/open311/v2/services.json?jurisdiction_id=${j()}`).expect(200);
    expect(res.body[0]).toEqual({ service_code: 'hygiene', service_name: '环境卫生', description: expect.any(String), metadata: true, type: 'realtime', keywords: '', group: '一般' });
    const one = await t.http().get(`/open311/v2/services/elevator.json?jurisdiction_id=${j()}`).expect(200);
    expect(one.body).toMatchObject({ service_code: 'elevator', attributes: [{ code: 'kind' }, { code: 'parts' }, { code: 'fixmystreet_id' }] });
  });

  it('shows public tickets with the spec’s fields and no personal data, never private ones', async () => {
    const res = await t.http().get(`/open311/v2/requests.json?jurisdiction_id=${j()}`).expect(200);
    const ids = res.body.map((r: { service_request_id: string }) => r.service_request_id);
    expect(ids).toContain(String(publicTicket));
    expect(ids).not.toContain(String(privateTicket));
    const one = res.body.find((r: { service_request_id: string }) => r.service_request_id === String(publicTicket));
    expect(Object.keys(one).sort()).toEqual(
      ['address', 'address_id', 'agency_responsible', 'description', 'expected_datetime', 'lat', 'long', 'media_url', 'requested_datetime', 'service_code', 'service_name', 'service_notice', 'service_request_id', 'status', 'status_notes', 'updated_datetime', 'zipcode'].sort(),
    );
    expect(one).toMatchObject({ status: 'open', status_notes: '待受理', service_code: 'facility', agency_responsible: estate.company.name, address: `${estate.community.name} 1栋1单元`, lat: 30.27, long: 120.15 });
    expect(JSON.stringify(res.body)).not.toContain('13812345678');
    const single = await t.http().get(`/open311/v2/requests/${publicTicket}.json?jurisdiction_id=${j()}`).expect(200);
    expect(single.body).toHaveLength(1);
    await t.http().get(`/open311/v2/requests/${privateTicket}.json?jurisdiction_id=${j()}`).expect(404);
    const closedOnly = await t.http().get(`/open311/v2/requests.json?jurisdiction_id=${j()}&status=closed`).expect(200);
    expect(closedOnly.body).toEqual([]);
  });

  it('lets the hotline file a ticket with its key, form-encoded as the spec shows', async () => {
    const res = await t
      .http()
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ api_key: apiKey, jurisdiction_id: j(), service_code: 'noise', description: '夜间施工噪音', address_string: '2栋北侧', lat: '30.271', long: '120.151', first_name: '李', phone: '13900001111' })
      .expect(200);
    expect(res.body).toEqual([{ service_request_id: expect.any(String), service_notice: expect.stringContaining('受理'), account_id: null }]);
    const ticket = await t.db.getRepository(Ticket).findOneByOrFail({ id: Number(res.body[0].service_request_id) });
    expect(ticket).toMatchObject({ source: '12345', reporterId: null, kind: 'complaint', categoryCode: 'noise', place: '2栋北侧', reporterMask: '清河县12345热线' });
    expect(JSON.stringify(ticket)).not.toContain('13900001111');
  });

  it('answers errors as [{code, description}]', async () => {
    const bad = await t.http().post('/open311/v2/requests.json').send({ api_key: 'nope', jurisdiction_id: j(), service_code: 'noise', description: 'x', address_string: '1栋' }).expect(403);
    expect(bad.body).toEqual([{ code: 403, description: 'api_key is not valid' }]);
    const missing = await t.http().get('/open311/v2/services.json').expect(400);
    expect(missing.body).toEqual([{ code: 400, description: expect.stringContaining('jurisdiction_id') }]);
    const unknown = await t.http().get('/open311/v2/services.json?jurisdiction_id=NOPE').expect(404);
    expect(unknown.body[0].code).toBe(404);
    const invalid = await t.http().post('/open311/v2/requests.json').send({ api_key: apiKey, jurisdiction_id: j(), service_code: 'nope-code', description: 'x', address_string: '1栋' }).expect(404);
    expect(invalid.body[0].description).toContain('service_code');
    const outside = await createEstate(t.db);
    await t.http().post('/open311/v2/requests.json').send({ api_key: apiKey, jurisdiction_id: outside.community.code, service_code: 'noise', description: 'x', address_string: '1栋' }).expect(403);
  });
});
