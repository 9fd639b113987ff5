import type { FailureCode } from '../shared/failure-codes.js';
import type { DataRisk, PlaybookContext, Severity } from './playbook.js';

/** What the catalogue knows about one failure code before the job's context fills it in. */
export interface CatalogueEntry {
  severity: Severity;
  dataRisk: DataRisk;
  autoRecoverable: boolean;
  title: string;
  message: (context: PlaybookContext) => string;
  steps: (context: PlaybookContext) => string[];
}

export type CatalogueSection = Partial<Record<FailureCode, CatalogueEntry>>;
