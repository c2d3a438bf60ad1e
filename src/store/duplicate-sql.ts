/**
 * "This exchange repeats an older one": same correlation key, same direction. Only captures are
 * compared with captures (and sends with sends): a replay we send carries the captured click id,
 * and calling the sent copy a duplicate of what we received is noise (issue #13). The metrics'
 * duplicate rate uses the same definition. One text for list rows, the `duplicate=1` filter and
 * the filter language's `dup`, so they cannot drift apart.
 */
export const duplicateSql = `(correlation IS NOT NULL AND EXISTS (SELECT 1 FROM exchanges older
  WHERE older.correlation = exchanges.correlation AND older.direction = exchanges.direction AND older.id < exchanges.id))`;
