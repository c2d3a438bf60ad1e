/**
 * The engine's Markdown plus one line naming what was compared: a pasted bug report must say
 * which two requests it is about.
 */
import { diffToMarkdown, type ExchangeDiff } from '../diff/index.js';
import { code } from '../diff/markdown.js';
import type { ComparedSide, ComparisonResult } from '../model/comparison.js';

const heading = '### Postback diff\n';

export function markdownWithSides(diff: ExchangeDiff, left: string, right: string): string {
  const md = diffToMarkdown(diff);
  const sides = `**Left:** ${left} · **Right:** ${right}\n`;
  return md.startsWith(heading) ? `${heading}\n${sides}${md.slice(heading.length)}` : `${sides}\n${md}`;
}

export function comparisonToMarkdown(result: ComparisonResult): string {
  return markdownWithSides(result, sideLabel(result.left), sideLabel(result.right));
}

export function sideLabel(side: ComparedSide): string {
  const line = code(`${side.method} ${side.url}`);
  return side.kind === 'exchange' ? `#${side.id} ${line}` : `expected ${line}`;
}
