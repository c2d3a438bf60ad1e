import { randomInt, randomUUID } from 'node:crypto';
import type { ValueGenerator } from '../model/sender.js';

export type Generate = (index: number) => string;

/** Value generators for bulk runs: each conversion `index` (0-based) gets its own values. */
export function makeGenerator(spec: ValueGenerator): Generate {
  switch (spec.kind) {
    case 'sequence': {
      const start = spec.start ?? 1;
      const step = spec.step ?? 1;
      const prefix = spec.prefix ?? '';
      const pad = spec.pad ?? 0;
      return (i) => `${prefix}${String(start + i * step).padStart(pad, '0')}`;
    }
    case 'list': {
      const values = spec.values;
      if (values.length === 0) return () => '';
      return spec.order === 'cycle' ? (i) => values[i % values.length]! : () => values[randomInt(values.length)]!;
    }
    case 'uuid':
      return () => randomUUID();
    case 'random-number': {
      const min = spec.min ?? 0;
      const max = spec.max ?? 100;
      const decimals = spec.decimals ?? 0;
      return () => (min + Math.random() * (max - min)).toFixed(decimals);
    }
  }
}

export function validateGenerator(name: string, spec: unknown): string | null {
  const g = spec as ValueGenerator;
  if (typeof g !== 'object' || g === null) return `generator ${name} must be an object`;
  switch (g.kind) {
    case 'sequence':
    case 'uuid':
      return null;
    case 'list':
      return Array.isArray(g.values) && g.values.every((v) => typeof v === 'string') ? null : `generator ${name}: list needs values: string[]`;
    case 'random-number':
      return (g.min ?? 0) <= (g.max ?? 100) ? null : `generator ${name}: min must not exceed max`;
    default:
      return `generator ${name}: kind must be sequence, list, uuid or random-number`;
  }
}

/** All generators of a run as one function from index to values. */
export function makeValues(generators: Record<string, ValueGenerator>): (index: number) => Record<string, string> {
  const entries = Object.entries(generators).map(([name, spec]) => [name, makeGenerator(spec)] as const);
  return (index) => {
    const values: Record<string, string> = {};
    for (const [name, generate] of entries) values[name] = generate(index);
    return values;
  };
}
