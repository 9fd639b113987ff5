import type { FailureCode } from '../shared/failure-codes.js';
import type { CatalogueEntry } from './catalogue-entry.js';
import { executionEntries } from './execution-entries.js';
import { fetchEntries } from './fetch-entries.js';
import { planningEntries } from './planning-entries.js';
import { preparationEntries } from './preparation-entries.js';
import { verificationEntries } from './verification-entries.js';

// Typed as a full record so that a new failure code does not compile until it has a playbook.
export const catalogue: Readonly<Record<FailureCode, CatalogueEntry>> = {
  ...fetchEntries,
  ...planningEntries,
  ...preparationEntries,
  ...executionEntries,
  ...verificationEntries,
};
