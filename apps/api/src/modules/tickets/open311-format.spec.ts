import { open311Errors, open311Format, renderOpen311, toXml } from './open311-format';

describe('GeoReport v2 answers in XML and JSON', () => {
  it('takes the format from the path’s extension only', () => {
    expect(open311Format('/open311/v2/requests.xml?jurisdiction_id=a.json')).toBe('xml');
    expect(open311Format('/open311/v2/services/elevator.JSON')).toBe('json');
    expect(open311Format('/open311/v2/requests?x=.xml')).toBeNull();
  });

  it('writes lists under the spec’s singular names and empty values as empty elements', () => {
    const text = toXml({ root: 'service_requests', value: [{ service_request_id: '7', lat: 30.27, media_url: null, status_notes: '' }] });
    expect(text).toBe('<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>7</service_request_id><lat>30.27</lat><media_url/><status_notes/></request></service_requests>');
    expect(toXml({ root: 'service_definition', value: { attributes: [{ values: [{ key: 'a', name: 'A' }] }] } })).toContain('<attributes><attribute><values><value><key>a</key>');
    expect(toXml({ root: 'service_request_updates', value: [{ update_id: '1' }] })).toContain('<service_request_updates><request_update>');
  });

  it('escapes markup and drops characters XML cannot carry, so any ticket text stays well-formed', () => {
    const text = toXml({ root: 'errors', value: [{ code: 400, description: `<script>&"'\u0001\u000bok` }] });
    expect(text).toContain('<description>&lt;script&gt;&amp;&quot;&apos;ok</description>');
  });

  it('answers errors as the spec’s list in either format', () => {
    expect(renderOpen311(open311Errors(404, 'not found'), 'json')).toEqual({ text: '[{"code":404,"description":"not found"}]', contentType: 'application/json; charset=utf-8' });
    expect(renderOpen311(open311Errors(404, 'not found'), 'xml').text).toMatch(/<errors><error><code>404<\/code><description>not found<\/description><\/error><\/errors>$/);
  });
});
