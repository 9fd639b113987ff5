import { expect } from 'chai';

import type { DataRisk, Playbook, Severity } from '../../src/recovery/playbook.js';
import { renderPlaybook } from '../../src/recovery/render-playbook.js';
import { type FailureCode, failureCodes } from '../../src/shared/failure-codes.js';
import { backupFile, blankContext, emptyContext, fullContext } from './contexts.js';

const contexts = { empty: emptyContext, blank: blankContext, full: fullContext };

function renderedStrings(playbook: Playbook): string[] {
  const { code, severity, dataRisk, title, userMessage, sshSteps, docsUrl, backupPath } = playbook;
  return [code, severity, dataRisk, title, userMessage, docsUrl, backupPath ?? '', ...sshSteps];
}

describe('renderPlaybook', () => {
  describe('covers every failure code', () => {
    for (const code of failureCodes) {
      it(`renders ${code} with a title, a message, a command and its docs anchor`, () => {
        const playbook = renderPlaybook(code, fullContext);
        const commands = playbook.sshSteps.filter((step) => !step.startsWith('#'));

        expect(playbook.code).to.equal(code);
        expect(playbook.title).to.not.equal('');
        expect(playbook.userMessage).to.not.equal('');
        expect(commands).to.not.be.empty;
        expect(playbook.sshSteps.every((step) => step.trim() !== '')).to.equal(true);
        expect(playbook.docsUrl).to.match(
          /^https:\/\/docs\.payram\.com\/self-hosting\/updater\/troubleshooting#[a-z]+(-[a-z]+)*$/,
        );
        expect(playbook.docsUrl.split('#')[1]?.replaceAll('-', '_').toUpperCase()).to.equal(code);
      });
    }
  });

  describe('never renders a missing value as text', () => {
    for (const [name, context] of Object.entries(contexts)) {
      for (const code of failureCodes) {
        it(`${code} with the ${name} context`, () => {
          const strings = renderedStrings(renderPlaybook(code, context));
          const leaks = strings.filter((text) => /undefined|null|NaN|\[object/i.test(text));

          expect(leaks).to.deep.equal([]);
        });
      }
    }
  });

  it('names the docs anchor with dashes', () => {
    const urls = (['MIGRATION_FAILED', 'POLICY_INVALID_JSON'] as const).map(
      (code) => renderPlaybook(code, emptyContext).docsUrl,
    );

    expect(urls).to.deep.equal([
      'https://docs.payram.com/self-hosting/updater/troubleshooting#migration-failed',
      'https://docs.payram.com/self-hosting/updater/troubleshooting#policy-invalid-json',
    ]);
  });

  it('passes the backup path through, and treats an empty one as missing', () => {
    const paths = [fullContext, blankContext, emptyContext].map(
      (context) => renderPlaybook('HEALTHCHECK_FAILED', context).backupPath,
    );

    expect(paths).to.deep.equal([backupFile, undefined, undefined]);
  });
});

describe('playbook severity, data risk and automated recovery', () => {
  // SPEC §8 fixes the first rows; the rest follow from whether anything was touched.
  const table: [FailureCode, Severity, DataRisk, boolean][] = [
    ['POLICY_FETCH_FAILED', 'RETRYABLE', 'NONE', true],
    ['MANIFEST_FETCH_FAILED', 'RETRYABLE', 'NONE', true],
    ['DOCKER_PULL_FAILED', 'RETRYABLE', 'NONE', true],
    ['CONCURRENCY_BLOCKED', 'RETRYABLE', 'NONE', true],
    ['BACKUP_FAILED', 'RETRYABLE', 'NONE', true],
    ['BACKUP_TIMEOUT', 'MANUAL_REQUIRED', 'NONE', false],
    ['INVALID_DB_CONFIG', 'MANUAL_REQUIRED', 'NONE', false],
    ['POLICY_INVALID_JSON', 'MANUAL_REQUIRED', 'NONE', false],
    ['MANIFEST_INVALID_JSON', 'MANUAL_REQUIRED', 'NONE', false],
    ['DOCKER_ERROR', 'MANUAL_REQUIRED', 'POSSIBLE', false],
    ['HEALTHCHECK_FAILED', 'MANUAL_REQUIRED', 'POSSIBLE', false],
    ['VERSION_MISMATCH', 'MANUAL_REQUIRED', 'POSSIBLE', false],
    ['MIGRATION_FAILED', 'MANUAL_REQUIRED', 'LIKELY', false],
    ['ROLLBACK_FAILED', 'MANUAL_REQUIRED', 'POSSIBLE', false],
    ['DISK_SPACE_LOW', 'MANUAL_REQUIRED', 'UNKNOWN', false],
    ['MANUAL_UPGRADE_REQUIRED', 'MANUAL_REQUIRED', 'UNKNOWN', false],
    ['TARGET_NOT_RELEASED', 'MANUAL_REQUIRED', 'NONE', false],
    ['TARGET_ABOVE_DASHBOARD_MAX', 'MANUAL_REQUIRED', 'NONE', false],
    ['DOWNGRADE_NOT_ALLOWED', 'MANUAL_REQUIRED', 'NONE', false],
    ['ALREADY_ON_TARGET', 'INFO', 'NONE', false],
    ['CURRENT_VERSION_UNKNOWN', 'MANUAL_REQUIRED', 'NONE', false],
    ['CONTAINER_NOT_FOUND', 'MANUAL_REQUIRED', 'NONE', false],
    ['UPDATER_INTERRUPTED', 'MANUAL_REQUIRED', 'UNKNOWN', false],
    ['INTERNAL_ERROR', 'MANUAL_REQUIRED', 'UNKNOWN', false],
  ];

  it('has a row for every failure code', () => {
    expect(table.map(([code]) => code)).to.have.members([...failureCodes]);
  });

  for (const [code, severity, dataRisk, autoRecoverable] of table) {
    it(`${code}: ${severity}, data risk ${dataRisk}, auto-recoverable ${autoRecoverable}`, () => {
      const { severity: s, dataRisk: d, autoRecoverable: a } = renderPlaybook(code, fullContext);

      expect({ severity: s, dataRisk: d, autoRecoverable: a }).to.deep.equal({
        severity,
        dataRisk,
        autoRecoverable,
      });
    });
  }

  it('never lets recover act on MIGRATION_FAILED, whatever the context', () => {
    const flags = Object.values(contexts).map(
      (context) => renderPlaybook('MIGRATION_FAILED', context).autoRecoverable,
    );

    expect(flags).to.deep.equal([false, false, false]);
  });
});
