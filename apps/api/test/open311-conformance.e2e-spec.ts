import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import type { Response } from 'supertest';
import { Open311Request } from '../src/modules/tickets/open311-request.entity';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { Upload } from '../src/modules/uploads/upload.entity';
import { createTestApp, TestApp } from './support/app';
import { createEstate, createResident, createUser, Estate } from './support/fixtures';
import { act, report, uploadPhoto } from './support/tickets';

/**
 * Open311 GeoReport v2 conformance, built from what real clients send and parse. Every case names the client code
 * it comes from (repository and path, read from their public sources for issue 19):
 *
 * - FMS     mysociety/fixmystreet perllib/Open311.pm (send_service_request, _populate_service_request_params,
 *           _request, _get_xml_object, _process_error, get_service_requests, get_service_request_updates),
 *           perllib/FixMyStreet/SendReport/Open311.pm (attribute[fixmystreet_id] from Contact::id_field),
 *           perllib/Open311/UpdatesBase.pm + GetServiceRequestUpdates.pm (what an update must carry),
 *           t/open311.t (the XML bodies it accepts and the error list it reads)
 * - ADAPTER mysociety/open311-adapter perllib/Open311/Endpoint.pm, Endpoint/Spark.pm, Endpoint/Role/mySociety.pm
 *           (mySociety's own server: XML shape, servicerequestupdates, automated attributes)
 * - RUBY    codeforamerica/open311 lib/open311/client/service.rb, client/request.rb, response/raise_error.rb,
 *           spec/open311_spec.rb (XML by default, params and jurisdiction in the POST body, 404 for a bad id)
 * - THREE   codeforamerica/three three/core.py, test.py (JSON by default, files={'media': …}, page_size,
 *           start_date …Z, date filters sent to a single-request URL, api_key '' when none is configured)
 * - CUTR    CUTR-at-USF/open311-client src/main/java/edu/usf/cutr/open311client/utils/Open311UrlUtil.java,
 *           io/HttpUrlConnectionClientImpl.java, utils/Open311Parser.java (every POST multipart with text/plain parts,
 *           attribute[code][] for lists, service_name sent along, only HTTP 200 read as success, query not encoded)
 * - SCHEMA  open311/schema-validation schema/georeport-v2/{service,service-definition,request}.json (restated below)
 *
 * Each resource is checked in both formats: XML read the way XML::Simple reads it for FixMyStreet (lists forced to
 * arrays, as FMS's _get_xml_object does), JSON as three and CUTR read it.
 */

type Format = 'xml' | 'json';
const FORMATS: Format[] = ['xml', 'json'];
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
const PUBLIC_BASE_URL = 'https://wuye.example.cn';

/** FMS _get_xml_object: ForceArray on the list element names, so one item still reads as a list. */
const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => ['service', 'attribute', 'value', 'request', 'error', 'request_update', 'endpoint', 'format'].includes(name),
});

/** What a client gets from an answer: the parsed document's content under its root (XML) or the JSON value. */
function read(res: Response, format: Format, root: string): Record<string, unknown> | Record<string, unknown>[] {
  if (format === 'json') {
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res.body;
  }
  expect(res.headers['content-type']).toMatch(/^text\/xml/);
  expect(res.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const doc = xml.parse(res.text, true) as Record<string, Record<string, unknown>>;
  expect(Object.keys(doc).filter((k) => k !== '?xml')).toEqual([root]);
  return doc[root] ?? {};
}

/** A list resource as the client sees its items (XML: the singular elements under the root). */
function items(res: Response, format: Format, root: string, item: string): Record<string, unknown>[] {
  const content = read(res, format, root);
  return format === 'json' ? (content as Record<string, unknown>[]) : (((content as Record<string, unknown>)[item] as Record<string, unknown>[]) ?? []);
}

/** SCHEMA/FMS: errors are [{code, description}] / <errors><error><code/><description/></error></errors>. */
function errorOf(res: Response, format: Format): { code: string; description: string } {
  const [first] = items(res, format, 'errors', 'error');
  return { code: String(first.code), description: String(first.description) };
}

/** CUTR HttpUrlConnectionClientImpl: its own boundary, every field a part with Content-Type text/plain; charset=UTF-8. */
function cutrMultipart(fields: [string, string][], media?: { name: string; bytes: Buffer }): { type: string; body: Buffer } {
  const boundary = `===${Date.now()}===`;
  const parts: Buffer[] = fields.map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n${value}\r\n`),
  );
  if (media) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${media.name}"\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: binary\r\n\r\n`));
    parts.push(media.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}

describe('Open311 GeoReport v2 conformance (real clients)', () => {
  let t: TestApp;
  let estate: Estate;
  let apiKey: string;
  let manager: { Authorization: string };
  let publicTicket: number;
  let photo: Buffer;
  const j = () => estate.community.code;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL });
    estate = await createEstate(t.db);
    const admin = await t.signIn((await createUser(t.db, [{ role: 'platform_admin' }])).devKey);
    apiKey = (await t.http().post('/api/v1/open311-clients').set(admin).send({ name: '清河县12345热线', areaId: estate.county.id }).expect(201)).body.apiKey;
    manager = await t.signIn((await createUser(t.db, [{ role: 'manager', communityId: estate.community.id, companyId: estate.company.id }])).devKey);
    const resident = await t.signIn((await createResident(t.db, estate.houses[0])).devKey);
    publicTicket = (await report(t, resident, { communityId: estate.community.id, description: '单元门禁坏了，电话 13812345678', place: '1栋1单元', lat: 30.27, long: 120.15 }).expect(201)).body.id;
    photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#4080c0' } }).jpeg().toBuffer();
  });
  afterAll(() => t.close());

  const count = (ids: number[]) => t.db.getRepository(Ticket).countBy(ids.map((id) => ({ id })));
  const ticketsOfEstate = () => t.db.getRepository(Ticket).countBy({ communityId: estate.community.id });

  describe.each(FORMATS)('in %s', (format) => {
    it('answers discovery with an absolute endpoint and both formats (THREE core.py discovery(): GET discovery.json)', async () => {
      const res = await t.http().get(`/open311/v2/discovery.${format}`).expect(200);
      const doc = read(res, format, 'discovery') as Record<string, unknown>;
      expect(doc.changeset).toMatch(W3C);
      const endpoints = format === 'json' ? (doc.endpoints as Record<string, unknown>[]) : ((doc.endpoints as { endpoint: Record<string, unknown>[] }).endpoint);
      expect(endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${PUBLIC_BASE_URL}/open311/v2`, type: 'production' });
      const formats = format === 'json' ? endpoints[0].formats : (endpoints[0].formats as { format: string[] }).format;
      expect(formats).toEqual(['text/xml', 'application/json']);
    });

    it('lists services with the fields SCHEMA service.json requires, metadata true (FMS PopulateServiceList reads lc(metadata) eq "true"; RUBY service_list reads services.service)', async () => {
      const res = await t.http().get(`/open311/v2/services.${format}`).query({ jurisdiction_id: j() }).expect(200);
      const services = items(res, format, 'services', 'service');
      expect(services.map((s) => s.service_code)).toContain('elevator');
      for (const s of services) {
        expect(s).toMatchObject({ service_code: expect.any(String), service_name: expect.any(String), type: 'realtime' });
        expect(String(s.metadata)).toBe('true');
      }
    });

    it('defines each service with SCHEMA service-definition.json attributes, listing fixmystreet_id (FMS SendReport/Open311.pm sends attribute[<Contact::id_field>] only for a listed code)', async () => {
      const res = await t.http().get(`/open311/v2/services/elevator.${format}`).query({ jurisdiction_id: j() }).expect(200);
      const def = read(res, format, 'service_definition') as Record<string, unknown>;
      expect(def.service_code).toBe('elevator');
      const attributes = format === 'json' ? (def.attributes as Record<string, unknown>[]) : (def.attributes as { attribute: Record<string, unknown>[] }).attribute;
      for (const a of attributes) {
        expect(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']).toContain(a.datatype);
        expect(['true', 'false']).toContain(String(a.variable));
        expect(String(a.required)).toBe('false');
        expect(typeof a.code).toBe('string');
      }
      expect(attributes.map((a) => a.code)).toEqual(['kind', 'parts', 'fixmystreet_id']);
      // ADAPTER Endpoint.pm: a value the client's system sets, not a person, is marked automated: server_set.
      expect(attributes[2]).toMatchObject({ automated: 'server_set' });
      const parts = format === 'json' ? (attributes[1].values as { key: string }[]) : (attributes[1].values as { value: { key: string }[] }).value;
      expect(parts.map((v) => v.key)).toContain('elevator');
    });

    it('files a ticket from FixMyStreet’s form post and answers 200 with service_request_id and service_notice (FMS _populate_service_request_params, send_service_request reads request[0].service_request_id)', async () => {
      const fmsId = `${Date.now() % 100000}${format.length}`;
      const post = () =>
        t
          .http()
          .post(`/open311/v2/requests.${format}`)
          .type('form')
          .send({
            jurisdiction_id: j(),
            api_key: apiKey,
            description: 'title: 电梯异响\n\ndetail: 3号梯运行时有异响\n\nurl: https://fixmystreet.example/report/1\n\nSubmitted via FixMyStreet\n',
            service_code: 'elevator',
            first_name: 'Test',
            last_name: '',
            email: 'test@example.com',
            lat: '30.2701',
            long: '120.1502',
            'attribute[fixmystreet_id]': fmsId,
          });
      const res = await post().expect(200);
      const [answer] = items(res, format, 'service_requests', 'request');
      expect(answer).toMatchObject({ service_request_id: expect.stringMatching(/^\d+$/), service_notice: expect.stringContaining('受理') });
      // FMS retries a report it could not confirm: the same fixmystreet_id answers with the first ticket, once.
      const before = await ticketsOfEstate();
      const [again] = items(await post().expect(200), format, 'service_requests', 'request');
      expect(again).toEqual(answer);
      expect(await ticketsOfEstate()).toBe(before);
      const link = await t.db.getRepository(Open311Request).findOneByOrFail({ ticketId: Number(answer.service_request_id) });
      expect(link).toMatchObject({ clientKey: `fixmystreet_id:${fmsId}`, attributes: { fixmystreet_id: fmsId } });
      const ticket = await t.db.getRepository(Ticket).findOneByOrFail({ id: Number(answer.service_request_id) });
      expect(ticket).toMatchObject({ source: '12345', reporterId: null, categoryCode: 'elevator', lat: 30.2701, long: 120.1502 });
      expect(JSON.stringify(ticket)).not.toContain('test@example.com');
    });

    it('takes an Idempotency-Key: the retried post answers with the first ticket (issue 19)', async () => {
      const post = () =>
        t.http().post(`/open311/v2/requests.${format}`).set('Idempotency-Key', `hotline-${format}-0001`).type('form').send({ jurisdiction_id: j(), api_key: apiKey, service_code: 'hygiene', address_string: '5栋垃圾房', description: '垃圾未清运' });
      const first = items(await post().expect(200), format, 'service_requests', 'request')[0];
      const before = await ticketsOfEstate();
      expect(items(await post().expect(200), format, 'service_requests', 'request')[0]).toEqual(first);
      expect(await ticketsOfEstate()).toBe(before);
    });

    it('files one ticket when the same retry arrives twice at once (the first answer was lost on the way back)', async () => {
      const before = await ticketsOfEstate();
      const post = () =>
        t.http().post(`/open311/v2/requests.${format}`).type('form').send({ jurisdiction_id: j(), api_key: apiKey, service_code: 'fire', address_string: '地下车库', 'attribute[fixmystreet_id]': `race-${format}` });
      const answers = await Promise.all([post(), post(), post()]);
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(new Set(answers.map((r) => items(r, format, 'service_requests', 'request')[0].service_request_id)).size).toBe(1);
      expect(await ticketsOfEstate()).toBe(before + 1);
    });

    it('files CUTR’s multipart post: text/plain parts, service_name and "null" fields ignored, attribute[parts][] list, photo as media, no lat/long beside jurisdiction_id (CUTR Open311UrlUtil.prepareNameValuePairs, HttpUrlConnectionClientImpl.postMethod)', async () => {
      const { type, body } = cutrMultipart(
        [
          ['attribute[parts][]', 'stairwell'],
          ['attribute[parts][]', 'gate'],
          ['attribute[kind]', 'hazard'],
          ['api_key', apiKey],
          ['service_code', 'safety'],
          ['service_name', 'null'],
          ['jurisdiction_id', j()],
          ['address_string', '2栋2单元楼道'],
          ['description', '楼道堆放杂物，堵塞消防通道'],
          ['email', 'null'],
          ['device_id', 'android-1234'],
        ],
        { name: 'IMG_0001.jpg', bytes: photo },
      );
      const res = await t.http().post(`/open311/v2/requests.${format}`).set('Content-Type', type).send(body);
      // CUTR's finishConnection reads the answer only for HTTP 200 (and 400): a 201 is an IOException to it.
      expect(res.status).toBe(200);
      const id = Number(items(res, format, 'service_requests', 'request')[0].service_request_id);
      const ticket = await t.db.getRepository(Ticket).findOneByOrFail({ id });
      expect(ticket).toMatchObject({ kind: 'hazard', categoryCode: 'safety', place: '2栋2单元楼道', lat: null, long: null });
      expect(ticket.description).toBe('楼道堆放杂物，堵塞消防通道\n涉及部位：楼道、门禁');
      expect(ticket.photoIds).toHaveLength(1);
      // Stored through the uploads module: re-encoded, attached, owned by the hotline's account.
      const upload = await t.db.getRepository(Upload).findOneByOrFail({ id: ticket.photoIds[0] });
      expect(upload.attachedAt).not.toBeNull();
      expect((await t.db.getRepository(Open311Request).findOneByOrFail({ ticketId: id })).attributes).toEqual({ parts: ['stairwell', 'gate'], kind: 'hazard' });
      // The photo comes back as an absolute media_url (PUBLIC_BASE_URL), a link SCHEMA request.json's "uri" accepts.
      const [shown] = items(await t.http().get(`/open311/v2/requests/${id}.${format}`).query({ jurisdiction_id: j() }).expect(200), format, 'service_requests', 'request');
      expect(shown.media_url).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/api/v1/files/photos/.+\\.jpg\\?exp=\\d+&sig=`));
    });

    it('files three’s post: multipart with files={"media"} and no description needed (THREE core.py post(), _post_keywords)', async () => {
      const res = await t
        .http()
        .post(`/open311/v2/requests.${format}`)
        .field('service_code', 'greening')
        .field('address_string', '85 2nd Street')
        .field('first_name', 'Zach')
        .field('last_name', 'Williams')
        .field('phone', '555-5555')
        .field('api_key', apiKey)
        .field('jurisdiction_id', j())
        .attach('media', photo, 'photo.png')
        .expect(200);
      const id = Number(items(res, format, 'service_requests', 'request')[0].service_request_id);
      const ticket = await t.db.getRepository(Ticket).findOneByOrFail({ id });
      expect(ticket.description).toContain('未附描述');
      expect(ticket.photoIds).toHaveLength(1);
    });

    it('reads api_key and jurisdiction_id from the query as well as the body (RUBY request.rb puts options in the body; others in the URL)', async () => {
      await t
        .http()
        .post(`/open311/v2/requests.${format}`)
        .query({ api_key: apiKey, jurisdiction_id: j() })
        .type('form')
        .send({ service_code: 'parking', address_string: '东门', description: '车辆堵门' })
        .expect(200);
    });

    it('lists requests by FMS’s and THREE’s filters: comma-delimited service_request_id, service_code and status, W3C dates with Z, unknown parameters such as page_size ignored (FMS get_service_requests; THREE _get_keywords)', async () => {
      const byIds = await t.http().get(`/open311/v2/requests.${format}`).query({ jurisdiction_id: j(), service_request_id: `${publicTicket},999999` }).expect(200);
      expect(items(byIds, format, 'service_requests', 'request').map((r) => r.service_request_id)).toEqual([String(publicTicket)]);
      const res = await t
        .http()
        .get(`/open311/v2/requests.${format}`)
        .query({ jurisdiction_id: j(), service_code: 'facility,elevator', status: 'open,closed', start_date: '2020-03-01T00:00:00Z', end_date: '2099-03-05T00:00:00Z', page_size: '50', service_name: 'ignored', extensions: 'true' })
        .expect(200);
      const list = items(res, format, 'service_requests', 'request');
      expect(list.length).toBeGreaterThan(0);
      for (const r of list) expect(['facility', 'elevator']).toContain(r.service_code);
      // SCHEMA request.json's required fields and types; THREE/CUTR read them by these names.
      const one = list.find((r) => r.service_request_id === String(publicTicket)) as Record<string, unknown>;
      expect(one).toMatchObject({ status: 'open', service_code: 'facility', address: `${estate.community.name} 1栋1单元`, agency_responsible: estate.company.name });
      for (const field of ['requested_datetime', 'updated_datetime', 'expected_datetime']) expect(one[field]).toMatch(W3C);
      expect(String(one.description)).not.toContain('13812345678');
      expect(Number(one.lat)).toBeCloseTo(30.27, 2);
    });

    it('reads dates the way CUTR sends them: an unencoded "+08:00" arrives as " 08:00" (CUTR Open311UrlUtil.nameValuePairsToParams)', async () => {
      const res = await t.http().get(`/open311/v2/requests.${format}?jurisdiction_id=${j()}&start_date=2020-01-01T00:00:00+08:00&end_date=2099-01-01T00:00:00+08:00`).expect(200);
      expect(items(res, format, 'service_requests', 'request').length).toBeGreaterThan(0);
    });

    it('answers one request at its URL, ignoring date filters sent there (THREE test.py test_start_and_end_keyword_arguments; RUBY get_service_request reads service_requests.request)', async () => {
      const res = await t.http().get(`/open311/v2/requests/${publicTicket}.${format}`).query({ jurisdiction_id: j(), start_date: '2010-03-01T00:00:00Z', end_date: '2010-03-05T00:00:00Z', service_request_id: 'x' }).expect(200);
      expect(items(res, format, 'service_requests', 'request')).toHaveLength(1);
    });

    it('answers an unknown or malformed id with 404 in the spec’s error list (RUBY spec: get_service_request("not-an-id") raises NotFound)', async () => {
      for (const id of ['999999', 'not-an-id', '07', '1e3']) {
        const res = await t.http().get(`/open311/v2/requests/${id}.${format}`).query({ jurisdiction_id: j() }).expect(404);
        expect(errorOf(res, format).code).toBe('404');
      }
    });

    it('refuses a missing or unknown api_key with 403 and files nothing (FMS _process_error reads errors.error[].code/description; THREE sends api_key "" when none is set)', async () => {
      const before = await ticketsOfEstate();
      for (const key of ['', 'o311_wrong']) {
        const res = await t.http().post(`/open311/v2/requests.${format}`).type('form').send({ api_key: key, jurisdiction_id: j(), service_code: 'elevator', address_string: '1栋' }).expect(403);
        expect(errorOf(res, format)).toEqual({ code: '403', description: key ? 'api_key is not valid' : 'api_key is required' });
      }
      expect(await ticketsOfEstate()).toBe(before);
    });

    it.each([
      ['no location at all (GeoReport v2: lat/long, address_string or address_id)', {}, 'A location is required'],
      ['lat without long', { lat: '30.1' }, 'lat and long go together'],
      ['a description over 4000 characters', { address_string: '1栋', description: '长'.repeat(4001) }, 'description is longer than 4000'],
      ['an attribute the definition lacks (FMS sends attribute[uprn] for UK reports)', { address_string: '1栋', 'attribute[uprn]': '10001' }, 'attribute[uprn] is not an attribute'],
      ['a value outside the attribute’s list', { address_string: '1栋', 'attribute[kind]': 'pothole' }, 'attribute[kind] cannot be pothole'],
      ['two values for a single-value attribute', { address_string: '1栋', 'attribute[kind][]': ['repair', 'hazard'] }, 'attribute[kind] takes one value'],
      ['an empty service_code (FMS t/open311.t: "Service Code cannot be null")', { address_string: '1栋', service_code: '' }, 'service_code is required'],
    ])('refuses %s with 400 and files nothing', async (_label, extra, description) => {
      const before = await ticketsOfEstate();
      const res = await t
        .http()
        .post(`/open311/v2/requests.${format}`)
        .type('form')
        .send({ api_key: apiKey, jurisdiction_id: j(), service_code: 'elevator', ...extra })
        .expect(400);
      expect(errorOf(res, format)).toEqual({ code: '400', description: expect.stringContaining(description) });
      expect(await ticketsOfEstate()).toBe(before);
    });

    it('counts empty parameters as absent: FMS’s last_name "" and an empty description file a ticket, an empty jurisdiction_id is missing', async () => {
      await t.http().post(`/open311/v2/requests.${format}`).type('form').send({ api_key: apiKey, jurisdiction_id: j(), service_code: 'other', address_string: '北门', description: '', last_name: '', lat: '', long: '' }).expect(200);
      const res = await t.http().get(`/open311/v2/services.${format}`).query({ jurisdiction_id: '' }).expect(400);
      expect(errorOf(res, format).description).toContain('jurisdiction_id is required');
    });
  });

  describe('a hotline’s ticket through the loop', () => {
    let id: number;
    beforeAll(async () => {
      // A noise complaint is private in the app; the hotline that filed it still follows it.
      const res = await t
        .http()
        .post('/open311/v2/requests.json')
        .type('form')
        .send({ api_key: apiKey, jurisdiction_id: j(), service_code: 'noise', address_string: '3栋北侧', description: '夜间施工噪音，来电人 13900001111' })
        .expect(200);
      id = Number(res.body[0].service_request_id);
      expect(await count([id])).toBe(1);
      await act(t, manager, id, 'accept', { note: '已联系施工方' }).then((r) => expect(r.status).toBe(200));
      const after = await uploadPhoto(t, manager, photo);
      await act(t, manager, id, 'resolve', { note: '施工方已承诺22点后停工，回访电话 13900001111', photoIds: [after] }).then((r) => expect(r.status).toBe(200));
    });

    it.each(FORMATS)('shows it to the hotline only, with status_notes = the latest feedback and its service_notice kept (%s)', async (format) => {
      const anonymous = await t.http().get(`/open311/v2/requests/${id}.${format}`).query({ jurisdiction_id: j() });
      expect(anonymous.status).toBe(404);
      const res = await t.http().get(`/open311/v2/requests/${id}.${format}`).query({ jurisdiction_id: j(), api_key: apiKey }).expect(200);
      const [r] = items(res, format, 'service_requests', 'request');
      expect(r).toMatchObject({ status: 'closed', status_notes: '施工方已承诺22点后停工，回访电话 139****1111', service_notice: expect.stringContaining('受理') });
      expect(String(r.description)).toContain('139****1111');
    });

    it.each(FORMATS)('reports each change in servicerequestupdates with FMS’s date filters and fields (FMS get_service_request_updates, UpdatesBase process_update) (%s)', async (format) => {
      const res = await t
        .http()
        .get(`/open311/v2/servicerequestupdates.${format}`)
        .query({ jurisdiction_id: j(), api_key: apiKey, start_date: new Date(Date.now() - 3600e3).toISOString().replace(/\.\d+Z$/, 'Z'), end_date: new Date(Date.now() + 60e3).toISOString().replace(/\.\d+Z$/, 'Z') })
        .expect(200);
      const updates = items(res, format, 'service_request_updates', 'request_update').filter((u) => u.service_request_id === String(id));
      expect(updates.map((u) => [u.status, u.description])).toEqual([
        ['open', '已联系施工方'],
        ['closed', '施工方已承诺22点后停工，回访电话 139****1111'],
      ]);
      for (const u of updates) {
        expect(u.update_id).toMatch(/^\d+$/);
        expect(u.updated_datetime).toMatch(W3C);
      }
      expect(updates[1].media_url).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/api/v1/files/`));
      // Outside the date range: nothing (FMS asks for the last hours only).
      const old = await t.http().get(`/open311/v2/servicerequestupdates.${format}`).query({ jurisdiction_id: j(), api_key: apiKey, start_date: '2020-01-01T00:00:00Z', end_date: '2020-01-02T00:00:00Z' }).expect(200);
      expect(items(old, format, 'service_request_updates', 'request_update')).toEqual([]);
    });

    it('keeps its feedback from anyone without the key (private ticket)', async () => {
      const res = await t.http().get('/open311/v2/servicerequestupdates.json').query({ jurisdiction_id: j() }).expect(200);
      expect(res.body.map((u: { service_request_id: string }) => u.service_request_id)).not.toContain(String(id));
    });
  });
});
