import type { Db } from '../store/open-database.js';

/**
 * A profile edit changes what its captures' facts say (reversal events, value and time params,
 * correlation keys): their exchanges go to metrics_dirty, as verdicts are marked stale, and the
 * metrics worker derives them again with their key groups. Written to the table rather than held
 * in memory so an edit is never lost to a restart: the worker drains the table wherever it runs.
 */
export class ProfileRecount {
  private readonly mark;

  constructor(db: Db) {
    // Facts whose base profile (endpoint link, verdict, template) or derived profile is this one.
    this.mark = db.prepare(`INSERT OR IGNORE INTO metrics_dirty (exchange_id)
      SELECT exchange_id FROM metrics_facts WHERE base_profile_id = @id OR profile_id = @id`);
  }

  /** How many facts will be derived again. */
  profileChanged(profileId: number): number {
    return this.mark.run({ id: profileId }).changes;
  }
}
