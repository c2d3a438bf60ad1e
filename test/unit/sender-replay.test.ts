import { describe, expect, it } from 'vitest';
import { buildReplay, setParams } from '../../src/sender/replay.js';
import type { StoredExchange } from '../../src/store/exchange-record.js';

const captured: StoredExchange = {
  id: 7, direction: 'in', method: 'POST', target: '/pb?a=1&b=x+y&a=2&flag', path: '/pb', httpVersion: '1.1',
  rawHeaders: [['Host', 'recv.example:4100'], ['X-Sig', 's'], ['x-sig', 't'], ['Content-Length', '3']],
  contentType: null, body: Buffer.from('abc'), bodySize: 3, remoteAddress: '1.2.3.4', remotePort: 5, receivedAt: 1, durationMs: 0,
  rejected: null, response: null, answeredBy: null, endpointId: null, correlation: 'c1',
};

describe('replay requests', () => {
  it('is byte-exact by default, to the captured Host over http', () => {
    const { wire, notes } = buildReplay(captured, {});
    expect(wire).toEqual({ method: 'POST', origin: 'http://recv.example:4100', target: captured.target, headers: captured.rawHeaders, body: captured.body });
    expect(notes).toEqual([]);
  });

  it('an origin keeps the target; a URL with a path replaces it; Host is kept unless rewritten', () => {
    const other = buildReplay(captured, { url: 'https://staging.example/' });
    expect(other.wire.origin).toBe('https://staging.example');
    expect(other.wire.target).toBe(captured.target);
    expect(other.notes[0]).toContain('Host header is kept as captured (recv.example:4100)');
    const rewritten = buildReplay(captured, { url: 'https://staging.example/new?x=1', rewriteHost: true });
    expect(rewritten.wire.target).toBe('/new?x=1');
    expect(rewritten.wire.headers[0]).toEqual(['Host', 'staging.example']);
  });

  it('edits: set/remove headers (first match, casing kept), body with a note about Content-Length', () => {
    const { wire, notes } = buildReplay(captured, { setHeaders: [['x-SIG', 'new'], ['X-Added', 'yes']], removeHeaders: ['CONTENT-LENGTH'], body: 'longer body' });
    expect(wire.headers).toEqual([['Host', 'recv.example:4100'], ['X-Sig', 'new'], ['x-sig', 't'], ['X-Added', 'yes']]);
    expect(wire.body.toString()).toBe('longer body');
    expect(notes).toEqual([]);
    expect(buildReplay(captured, { body: 'xy' }).notes).toEqual(['Content-Length set to 2 (the body changed from 3 bytes).']);
    expect(buildReplay(captured, { body: Buffer.from([0, 255]).toString('base64'), bodyEncoding: 'base64' }).wire.body).toEqual(Buffer.from([0, 255]));
  });

  it('setParams replaces the first match, appends new ones, keeps every other byte', () => {
    expect(setParams('/pb?a=1&b=x+y&a=2&flag', { a: 'new value', c: '{x}' })).toBe('/pb?a=new%20value&b=x+y&a=2&flag&c=%7Bx%7D');
    expect(setParams('/pb', { a: '1' })).toBe('/pb?a=1');
  });

  it('refuses an unusable destination', () => {
    expect(() => buildReplay({ ...captured, rawHeaders: [] }, {})).toThrow('no Host header');
    expect(() => buildReplay(captured, { url: 'ftp://x' })).toThrow('not an http(s) URL');
  });
});
