/**
 * Saved ignore rules per endpoint or profile, in our own table (migration 005) keyed by
 * (scope, scope_id): profiles are built by another module, so we keep only their id.
 */
import type { ComparisonToggles, IgnoreRules, IgnoreRulesInput, RuleScope } from '../model/comparison.js';
import type { Db } from '../store/open-database.js';

interface Row {
  scope: RuleScope;
  scope_id: number;
  rules: string;
  updated_at: number;
}

export class IgnoreRulesRepository {
  private readonly getStatement;
  private readonly putStatement;
  private readonly deleteStatement;

  constructor(db: Db) {
    this.getStatement = db.prepare(`SELECT * FROM ignore_rules WHERE scope = ? AND scope_id = ?`);
    this.putStatement = db.prepare(`INSERT INTO ignore_rules (scope, scope_id, rules, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (scope, scope_id) DO UPDATE SET rules = excluded.rules, updated_at = excluded.updated_at`);
    this.deleteStatement = db.prepare(`DELETE FROM ignore_rules WHERE scope = ? AND scope_id = ?`);
  }

  /** Never null: a scope without saved rules has the empty defaults (updatedAt null), which is what the UI shows. */
  get(scope: RuleScope, scopeId: number): IgnoreRules {
    const row = this.getStatement.get(scope, scopeId) as Row | undefined;
    if (!row) return { scope, scopeId, ignore: [], updatedAt: null };
    const saved = JSON.parse(row.rules) as IgnoreRulesInput;
    return { scope, scopeId, ...saved, updatedAt: row.updated_at };
  }

  /** Only saved (non-default) sets, for merging into a comparison. */
  saved(scope: RuleScope, scopeId: number): IgnoreRules | null {
    const rules = this.get(scope, scopeId);
    return rules.updatedAt === null ? null : rules;
  }

  put(scope: RuleScope, scopeId: number, input: IgnoreRulesInput, now: number): IgnoreRules {
    const stored: IgnoreRulesInput = { ignore: input.ignore, ...pickToggles(input) };
    this.putStatement.run(scope, scopeId, JSON.stringify(stored), now);
    return { scope, scopeId, ...stored, updatedAt: now };
  }

  delete(scope: RuleScope, scopeId: number): boolean {
    return this.deleteStatement.run(scope, scopeId).changes > 0;
  }
}

function pickToggles(input: ComparisonToggles): ComparisonToggles {
  const out: ComparisonToggles = {};
  if (input.paramOrder !== undefined) out.paramOrder = input.paramOrder;
  if (input.headerOrder !== undefined) out.headerOrder = input.headerOrder;
  if (input.volatileHeaders !== undefined) out.volatileHeaders = input.volatileHeaders;
  if (input.jsonArrays !== undefined) out.jsonArrays = input.jsonArrays;
  return out;
}
