import { describe, expect, it } from 'vitest';
import { importCurl } from '../../src/sender/curl-import.js';
import { shellWords } from '../../src/sender/shell-words.js';
import { toCurl } from '../../src/interop/curl.js';

describe('shell words', () => {
  it('splits like bash: quotes, escapes, ANSI-C strings, continuations, pipes', () => {
    expect(shellWords(`curl 'a b' "c \\"d\\" \\$e \\x" f\\ g \\\n -H $'x\\ty\\x41\\101\\u00e9'`)).toEqual([['curl', 'a b', 'c "d" $e \\x', 'f g', '-H', 'x\tyAAé']]);
    expect(shellWords(`printf 'x' | curl -d @- http://h # comment`)).toEqual([['printf', 'x'], ['curl', '-d', '@-', 'http://h']]);
    expect(() => shellWords(`curl 'open`)).toThrow('unterminated');
  });
});

describe('import a curl command as a template', () => {
  it('method, URL, headers in order with casing, JSON body, dialect guessed', () => {
    const { template, warnings } = importCurl(`curl -X POST 'https://t.example/pb?cid={{click_id}}' -H 'X-Key: {{key}}' -H 'content-type: application/json' --data-raw '{"e":"{{event}}"}'`);
    expect(template).toMatchObject({
      method: 'POST',
      url: 'https://t.example/pb?cid={{click_id}}',
      headers: [['X-Key', '{{key}}'], ['content-type', 'application/json']],
      bodyMode: 'json',
      body: '{"e":"{{event}}"}',
      dialect: 'double-curly',
    });
    expect(warnings).toEqual([]);
  });

  it('-d implies POST and curl\'s form content type; several -d are joined with &', () => {
    const { template } = importCurl(`curl http://h/pb -d a=[CLICKID] -d b=2`);
    expect(template).toMatchObject({ method: 'POST', body: 'a=[CLICKID]&b=2', bodyMode: 'form', dialect: 'square', headers: [['Content-Type', 'application/x-www-form-urlencoded']] });
  });

  it('-G moves data to the query; --url, -u, -A, -e, -L, -k, -m, --compressed, attached short values', () => {
    const imported = importCurl(`curl -G --url http://h/pb --data-urlencode 'q=a b' -XGET -uuser:pw -A 'UA/1' -e http://ref -L -k -m 2.5 --compressed -s`);
    expect(imported.template.url).toBe('http://h/pb?q=a%20b');
    expect(imported.template.method).toBe('GET');
    expect(imported.template.headers).toEqual([
      ['Authorization', `Basic ${Buffer.from('user:pw').toString('base64')}`],
      ['User-Agent', 'UA/1'],
      ['Referer', 'http://ref'],
      ['Accept-Encoding', 'deflate, gzip, br'],
    ]);
    expect(imported.template.followRedirects).toBe(true);
    expect(imported.template.timeoutMs).toBe(2500);
    expect(imported.insecureTls).toBe(true);
  });

  it('--json sets JSON headers; `Name;` sends an empty header; `Name:` suppresses one; unknown options are listed', () => {
    const { template, warnings } = importCurl(`curl http://h --json '{"a":1}' -H 'X-Empty;' -H 'Accept:' -o out.txt --data-binary @file.bin`);
    expect(template.headers).toEqual([['X-Empty', ''], ['Content-Type', 'application/json']]);
    expect(template.bodyMode).toBe('json');
    expect(warnings.join('\n')).toContain('--output out.txt is not imported');
    expect(warnings.join('\n')).toContain('the file is not read');
  });

  it('round-trips our own "copy as cURL" output', () => {
    const command = toCurl({ method: 'PUT', url: 'http://127.0.0.1:4100/pb?click_id={click_id}', rawHeaders: [['X-Sig', 'abc'], ['Content-Type', 'text/plain']], body: new TextEncoder().encode("it's\nraw") });
    const { template } = importCurl(command);
    expect(template).toMatchObject({ method: 'PUT', url: 'http://127.0.0.1:4100/pb?click_id={click_id}', body: "it's\nraw", bodyMode: 'raw', dialect: 'curly' });
    expect(template.headers.slice(0, 2)).toEqual([['X-Sig', 'abc'], ['Content-Type', 'text/plain']]);
  });

  it('needs a curl command with a URL', () => {
    expect(() => importCurl('wget http://h')).toThrow('no curl command');
    expect(() => importCurl('curl -H "A: b"')).toThrow('no URL');
  });
});
