import { checkHar } from '../interop/har/har-check.js';
import { interpolate, interpolateMap } from './interpolate.js';
import type { StepOf } from './plan-schema.js';
import { headerPairs, textMap, type RunContext } from './run-context.js';

/** Headers fetch sets itself, or that would describe the HAR's original connection rather than ours. */
const hopHeaders = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive']);
const maxBodyOutput = 64 * 1024;

/**
 * A request at the receiver, e.g. the click that makes a mock tracker fire its callback.
 * Outputs: each `query` value as sent (so `{{click.click_id}}` is the generated id), status, body.
 */
export async function runRequest(step: StepOf<'request'>['request'], ctx: RunContext): Promise<{ outputs: Record<string, string>; detail: string }> {
  const query = interpolateMap(textMap(step.query), ctx.scope);
  const path = interpolate(step.path, ctx.scope);
  const search = new URLSearchParams(query).toString();
  const url = `${ctx.scope.receiver}${path}${search ? (path.includes('?') ? '&' : '?') + search : ''}`;
  const body = step.body === undefined ? undefined : interpolate(step.body, ctx.scope);
  const method = step.method ?? (body === undefined ? 'GET' : 'POST');
  // A click answers with a redirect to the store: that answer is the output, not the store's page.
  const response = await fetch(url, { method, redirect: 'manual', headers: headerPairs(step.headers, (v) => interpolate(v, ctx.scope)), ...(body === undefined ? {} : { body }) });
  const text = (await response.text()).slice(0, maxBodyOutput);
  return { outputs: { ...query, status: String(response.status), body: text, url: url.slice(ctx.scope.receiver.length) }, detail: `${method} ${path} → ${response.status}` };
}

/** Each HAR entry's request, in order, at the receiver (path and query kept; the origin becomes ours). */
export async function runReplayHar(file: string, ctx: RunContext): Promise<{ outputs: Record<string, string>; detail: string }> {
  const har = checkHar(JSON.parse((await ctx.loaded.files.read(file)).toString('utf8')) as unknown);
  const statuses: number[] = [];
  for (const entry of har.log.entries) {
    const request = entry.request;
    const target = request._raw?.target ?? originForm(request.url);
    const headers = request.headers.filter((h) => !hopHeaders.has(h.name.toLowerCase()) && !h.name.startsWith(':')).map((h) => [h.name, h.value] as [string, string]);
    const post = request.postData;
    const body = post?.text === undefined ? undefined : post.encoding === 'base64' ? Buffer.from(post.text, 'base64') : post.text;
    const response = await fetch(`${ctx.scope.receiver}${target}`, { method: request.method, redirect: 'manual', headers, ...(body === undefined || request.method === 'GET' || request.method === 'HEAD' ? {} : { body }) });
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return { outputs: { count: String(statuses.length), statuses: statuses.join(',') }, detail: `${statuses.length} request(s) replayed: ${summarise(statuses)}` };
}

function originForm(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

function summarise(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n}×${s}`).join(', ') || 'none';
}
