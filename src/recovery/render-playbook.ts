import type { FailureCode } from '../shared/failure-codes.js';
import { catalogue } from './catalogue.js';
import type { Playbook, PlaybookContext } from './playbook.js';
import { present } from './render-values.js';

const docsBase = 'https://docs.payram.com/self-hosting/updater/troubleshooting';

export function docsUrlFor(code: FailureCode): string {
  return `${docsBase}#${code.toLowerCase().replaceAll('_', '-')}`;
}

export function renderPlaybook(code: FailureCode, context: PlaybookContext): Playbook {
  const entry = catalogue[code];
  return {
    code,
    severity: entry.severity,
    dataRisk: entry.dataRisk,
    title: entry.title,
    userMessage: entry.message(context),
    sshSteps: entry.steps(context),
    docsUrl: docsUrlFor(code),
    backupPath: present(context.backupPath),
    autoRecoverable: entry.autoRecoverable,
  };
}
