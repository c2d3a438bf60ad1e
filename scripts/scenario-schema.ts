// Writes docs/scenario-plan.schema.json from the TypeBox plan schema (src/scenario/plan-schema.ts).
// Run `npx tsx scripts/scenario-schema.ts` after changing the schema; a unit test fails until you do.
import { writeFileSync } from 'node:fs';
import { planJsonSchema } from '../src/scenario/plan-schema.js';

writeFileSync(new URL('../docs/scenario-plan.schema.json', import.meta.url), `${JSON.stringify(planJsonSchema(), null, 2)}\n`);
