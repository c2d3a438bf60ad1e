import { dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { expectKinds, ExpectSchemas, kindOf, PlanSchema, stepKinds, StepSchemas, type Plan } from './plan-schema.js';
import { pathText, shapeErrors, type ShapeError } from './schema-errors.js';
import { checkReferences } from './plan-references.js';
import { folderFiles, type PlanFiles } from './plan-files.js';

/** A plan refused before anything ran (exit 2): the file, line and path of the first problem. */
export class PlanError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly col: number,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${file}:${line}:${col}: ${path}: ${problem}`);
  }
}

export interface LoadedPlan {
  plan: Plan;
  file: string;
  /** Relative files (golden requests, HARs): next to the plan file, or attached to it in the app. */
  files: PlanFiles;
  /** A PlanError at a path of the plan, for problems found later (the app refusing a definition). */
  errorAt(path: readonly string[], message: string): PlanError;
}

/** Maps whose values are text even when written bare: `payout: 1.50` must stay "1.50", not 1.5. */
const textMaps: Array<(plan: Record<string, unknown>) => string[][]> = [
  () => [['vars']],
  (p) => listPaths(p, 'steps', (i, item) => ['send', 'bulk'].filter((k) => k in item).map((k) => ['steps', i, k, 'vars'])),
  (p) => listPaths(p, 'steps', (i, item) => ('request' in item ? [['steps', i, 'request', 'query']] : [])),
  (p) => listPaths(p, 'expect', (i) => [['expect', i, 'params']]),
];

export function loadPlan(text: string, file: string, files: PlanFiles = folderFiles(dirname(resolve(file)))): LoadedPlan {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0] ?? { line: 1, col: 1 };
    throw new PlanError(file, pos.line, pos.col, '(YAML)', syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
  }
  const raw = doc.toJS() as unknown;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new PlanError(file, 1, 1, '(the plan)', 'must be a mapping with name, steps and expect');
  for (const paths of textMaps) for (const path of paths(raw as Record<string, unknown>)) keepSourceText(doc, path);
  const plan = doc.toJS() as Record<string, unknown>;

  // References are looked at only in a well-shaped plan: they assume the shape.
  const shape = shapeProblems(plan);
  const problems = shape.length > 0 ? shape : checkReferences(plan as Plan, (path) => files.exists(path));
  if (problems.length > 0) {
    const located = problems.map((p) => ({ ...p, offset: offsetOf(doc, p.path, p.atKey) })).sort((a, b) => a.offset - b.offset);
    const first = located[0]!;
    const pos = lineCounter.linePos(first.offset);
    throw new PlanError(file, pos.line, pos.col, pathText(first.path), first.message);
  }
  const errorAt = (path: readonly string[], message: string): PlanError => {
    const pos = lineCounter.linePos(offsetOf(doc, path, false));
    return new PlanError(file, pos.line, pos.col, pathText(path), message);
  };
  return { plan: plan as Plan, file, files, errorAt };
}

/** Steps and expectations are checked against the schema of their kind key, for errors that name the field. */
function shapeProblems(plan: Record<string, unknown>): ShapeError[] {
  const top = shapeErrors(PlanSchema, plan).filter((e) => !(e.path.length > 1 && (e.path[0] === 'steps' || e.path[0] === 'expect')));
  const items = (key: 'steps' | 'expect', kinds: readonly string[], schemas: Record<string, Parameters<typeof shapeErrors>[0]>, what: string, article: string): ShapeError[] => {
    const list = plan[key];
    if (!Array.isArray(list)) return [];
    return list.flatMap((item: unknown, i): ShapeError[] => {
      const at = [key, String(i)];
      if (typeof item !== 'object' || item === null || Array.isArray(item)) return [{ path: at, atKey: false, message: `${article} ${what} is a mapping with one of: ${kinds.join(', ')}` }];
      const present = kinds.filter((k) => k in item);
      if (present.length !== 1) return [{ path: at, atKey: false, message: present.length === 0 ? `${article} ${what} needs one of: ${kinds.join(', ')}` : `one ${what} per item, found ${present.join(' and ')}` }];
      return shapeErrors(schemas[kindOf(item, kinds)]!, item, at);
    });
  };
  return [...top, ...items('steps', stepKinds, StepSchemas, 'step', 'a'), ...items('expect', expectKinds, ExpectSchemas, 'expectation', 'an')];
}

function listPaths(plan: Record<string, unknown>, key: string, each: (index: string, item: Record<string, unknown>) => string[][]): string[][] {
  const list = plan[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown, i) => (typeof item === 'object' && item !== null ? each(String(i), item as Record<string, unknown>) : []));
}

function keepSourceText(doc: Document, path: string[]): void {
  const node = nodeAt(doc, path);
  if (!isMap(node)) return;
  for (const pair of node.items) {
    if (isScalar(pair.value) && typeof pair.value.value === 'number') pair.value.value = pair.value.source ?? String(pair.value.value);
  }
}

/** The deepest node on the path (a missing field points at its parent). */
function nodeAt(doc: Document, path: readonly string[]): Node | null {
  let node: unknown = doc.contents;
  for (const segment of path) {
    const next = childOf(node, segment);
    if (next === undefined) return node as Node | null;
    node = next;
  }
  return node as Node | null;
}

function childOf(node: unknown, segment: string): unknown {
  if (isSeq(node)) return node.items[Number(segment)];
  if (isMap(node)) return node.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === segment)?.value ?? undefined;
  return undefined;
}

function offsetOf(doc: Document, path: readonly string[], atKey: boolean): number {
  if (atKey && path.length > 0) {
    const parent = nodeAt(doc, path.slice(0, -1));
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === path[path.length - 1]);
      if (isScalar(pair?.key) && pair.key.range) return pair.key.range[0];
    }
  }
  return nodeAt(doc, path)?.range?.[0] ?? 0;
}
