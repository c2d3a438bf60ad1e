import type { MacroDialect, TemplateSpec } from '../model/sender.js';

/** What the Composer needs of a partner profile to link it to a template. */
export interface ProfileChoice {
  id: number;
  macroDialect: MacroDialect;
}

/**
 * Links a template to a partner profile (or unlinks it with null). The profile says how that
 * partner writes its macros, so the template takes its dialect: left on the default curly, a
 * template for a square-dialect partner would tokenize nothing and its `[click_id]` would only be
 * caught as a leftover. Unlinking keeps the dialect the user has.
 */
export function linkProfile(spec: TemplateSpec, profile: ProfileChoice | null): void {
  if (profile === null) {
    delete spec.profileId;
    return;
  }
  spec.profileId = profile.id;
  spec.dialect = profile.macroDialect;
}
