import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteArg, toCurl, type CurlRequest } from '../../src/interop/curl.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const none = new Uint8Array(0);

describe('toCurl', () => {
  it('keeps the raw URL exactly, duplicate keys and + vs %20 included', () => {
    const url = 'http://127.0.0.1:4100/pb?click_id=a+b&click_id=a%20b&sig=x%2Fy';
    const cmd = toCurl({ method: 'GET', url, rawHeaders: [], body: none }, { multiline: false });
    expect(cmd).toBe(`curl '${url}' -H 'User-Agent:' -H 'Accept:'`);
  });

  it('keeps header order, casing and duplicates, and leaves Content-Length/Host/Connection to curl', () => {
    const cmd = toCurl(
      {
        method: 'POST',
        url: 'http://h/pb',
        rawHeaders: [
          ['Host', 'partner.example'],
          ['X-Sig', 'b'],
          ['content-type', 'application/json'],
          ['Connection', 'keep-alive'],
          ['x-sig', 'a'],
          ['Content-Length', '2'],
          ['User-Agent', 'Partner/1.0'],
          ['Accept', '*/*'],
        ],
        body: bytes('{}'),
      },
      { multiline: false },
    );
    expect(cmd).toBe(
      "curl 'http://h/pb' -H 'X-Sig: b' -H 'content-type: application/json' -H 'x-sig: a' " +
        "-H 'User-Agent: Partner/1.0' -H 'Accept: */*' --data-binary '{}'",
    );
  });

  it('uses -X only when the method differs from what curl would pick', () => {
    const put = toCurl({ method: 'PUT', url: 'http://h/', rawHeaders: [], body: bytes('x') }, { multiline: false });
    expect(put).toContain("curl -X PUT 'http://h/'");
    const del = toCurl({ method: 'DELETE', url: 'http://h/', rawHeaders: [], body: none }, { multiline: false });
    expect(del).toContain('-X DELETE');
    expect(del).not.toContain('--data-binary');
    const head = toCurl({ method: 'HEAD', url: 'http://h/', rawHeaders: [], body: none }, { multiline: false });
    expect(head).toContain('curl --head');
  });

  it('suppresses Content-Type and Expect curl would add on its own', () => {
    const big = new Uint8Array(2000).fill(0x61);
    const cmd = toCurl({ method: 'POST', url: 'http://h/', rawHeaders: [], body: big }, { multiline: false });
    expect(cmd).toContain("-H 'Content-Type:'");
    expect(cmd).toContain("-H 'Expect:'");
  });

  it('sends an empty header value with the ; form', () => {
    const cmd = toCurl({ method: 'GET', url: 'http://h/', rawHeaders: [['X-Empty', '']], body: none });
    expect(cmd).toContain("-H 'X-Empty;'");
  });

  it('uses ANSI-C quoting with \\xHH for non-printable bytes', () => {
    const body = new Uint8Array([0x7b, 0x0a, 0x1b, 0xff, 0x27, 0x5c, 0x7d]);
    const cmd = toCurl({ method: 'POST', url: 'http://h/', rawHeaders: [], body }, { multiline: false });
    expect(cmd).toContain(String.raw`--data-binary $'{\n\x1b\xff\'\\}'`);
  });

  it('keeps visible UTF-8 readable but escapes invisible code points', () => {
    expect(quoteArg(bytes('événement'))).toBe("'événement'");
    expect(quoteArg(bytes('a\u2063b'))).toBe(String.raw`$'a\xe2\x81\xa3b'`);
    expect(quoteArg(bytes("it's"))).toBe(String.raw`$'it\'s'`);
  });

  it('treats latin1 header strings (Node rawHeaders) as bytes', () => {
    // 'é' in UTF-8 is C3 A9; Node hands it over as the two latin1 chars 'Ã©'.
    const cmd = toCurl({ method: 'GET', url: 'http://h/', rawHeaders: [['X-Name', 'Ã©']], body: none });
    expect(cmd).toContain("-H 'X-Name: é'");
  });

  it('pipes bodies with NUL bytes through printf', () => {
    const body = new Uint8Array([0x00, 0x41, 0x25, 0x27, 0x5c, 0x0a]);
    const cmd = toCurl({ method: 'POST', url: 'http://h/', rawHeaders: [], body }, { multiline: false });
    expect(cmd.startsWith(String.raw`printf '\000A\045\047\134\012' | curl`)).toBe(true);
    expect(cmd).toContain('--data-binary @-');
  });

  it('keeps printf from reading a leading "-" (multipart boundary) as an option', () => {
    const body = new Uint8Array([0x2d, 0x2d, 0x62, 0x00]);
    const cmd = toCurl({ method: 'POST', url: 'http://h/', rawHeaders: [], body }, { multiline: false });
    expect(cmd.startsWith(String.raw`printf '\055-b\000' | curl`)).toBe(true);
  });

  it('turns off globbing and dot-segment squashing when the URL needs it', () => {
    const cmd = toCurl({ method: 'GET', url: 'http://h/a/../b?x[]={click_id}', rawHeaders: [], body: none });
    expect(cmd).toContain('--globoff');
    expect(cmd).toContain('--path-as-is');
  });

  it('can read a large body from a file', () => {
    const cmd = toCurl(
      { method: 'POST', url: 'http://h/', rawHeaders: [['Content-Type', 'application/octet-stream']], body: none },
      { bodyFile: 'body.bin', multiline: false },
    );
    expect(cmd).toContain("--data-binary '@body.bin'");
  });

  it('puts one argument group per line by default', () => {
    const cmd = toCurl({ method: 'GET', url: 'http://h/', rawHeaders: [['A', '1']], body: none });
    expect(cmd.split('\n')).toEqual(["curl 'http://h/' \\", "  -H 'A: 1' \\", "  -H 'User-Agent:' \\", "  -H 'Accept:'"]);
  });
});

/** Run the generated command with the real bash + curl and compare what arrives. */
describe('toCurl round trip through bash and curl', () => {
  interface Seen {
    method: string;
    url: string;
    rawHeaders: string[];
    body: Buffer;
  }
  let seen: Seen[] = [];
  let base = '';
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) });
      res.end('ok');
    });
  });
  const available = new Promise<boolean>((resolve) => execFile('bash', ['-c', 'command -v curl'], (err) => resolve(!err)));

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function replay(req: CurlRequest): Promise<Seen> {
    seen = [];
    const cmd = toCurl(req);
    await new Promise<void>((resolve, reject) =>
      execFile('bash', ['-c', `${cmd} --silent --show-error -o /dev/null`], (err, _out, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}\n${cmd}`)) : resolve(),
      ),
    );
    expect(seen).toHaveLength(1);
    return seen[0]!;
  }

  const headerPairs = (raw: string[]) => {
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
    return pairs.filter(([n]) => !['host', 'content-length', 'connection'].includes(n.toLowerCase()));
  };

  it('replays a gzip JSON POST, a binary body with NULs and odd headers byte for byte', async (ctx) => {
    if (!(await available)) ctx.skip();
    const cases: CurlRequest[] = [
      {
        method: 'GET',
        url: `${base}/pb?click_id=a+b&click_id=a%20b&x[]={m}&e=%E2%9C%93`,
        rawHeaders: [['X-Trace', 'one'], ['x-trace', "it's"], ['X-Empty', '']],
        body: none,
      },
      {
        method: 'POST',
        url: `${base}/pb`,
        rawHeaders: [
          ['Content-Type', 'application/json'],
          ['Content-Encoding', 'gzip'],
          ['User-Agent', 'Partner/2'],
        ],
        body: new Uint8Array(gzipSync('{"payout":1.0,"id":12345678901234567890}')),
      },
      {
        method: 'POST',
        url: `${base}/multi`,
        rawHeaders: [['Content-Type', 'multipart/form-data; boundary=xyz']],
        body: new Uint8Array([...new TextEncoder().encode('--xyz\r\nContent-Disposition: form-data; name="f"\r\n\r\n'), 0, 1, 2, 0x25, 0x27, ...new TextEncoder().encode('\r\n--xyz--\r\n')]),
      },
      {
        method: 'PUT',
        url: `${base}/bin`,
        rawHeaders: [['Content-Type', 'application/octet-stream']],
        body: new Uint8Array(Array.from({ length: 3000 }, (_, i) => i % 256)),
      },
    ];
    for (const req of cases) {
      const got = await replay(req);
      expect(got.method).toBe(req.method);
      expect(`${base}${got.url}`).toBe(req.url);
      expect(headerPairs(got.rawHeaders)).toEqual(req.rawHeaders);
      expect(new Uint8Array(got.body)).toEqual(req.body);
    }
  });
});
