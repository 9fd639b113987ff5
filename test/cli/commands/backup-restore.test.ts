import { expect } from 'chai';
import { findBackup, type RestoreTarget } from '../../../src/cli/commands/backup-restore.js';
import { backupDir, manualBackup, preUpgradeBackup } from '../backup-fixtures.js';

describe('findBackup', () => {
  const backups = [preUpgradeBackup, manualBackup];
  const cases: { target: RestoreTarget; expected: string | undefined }[] = [
    { target: { id: preUpgradeBackup.id }, expected: preUpgradeBackup.id },
    { target: { id: 'nope' }, expected: undefined },
    { target: { file: manualBackup.path }, expected: manualBackup.id },
    { target: { file: `${backupDir}//${manualBackup.filename}` }, expected: manualBackup.id },
    { target: { file: manualBackup.filename }, expected: manualBackup.id },
    { target: { file: `./${manualBackup.filename}` }, expected: manualBackup.id },
    // Same name elsewhere is a different file: the summary must not vouch for it.
    { target: { file: `/tmp/${manualBackup.filename}` }, expected: undefined },
    { target: { file: manualBackup.id }, expected: undefined },
  ];
  for (const { target, expected } of cases) {
    it(`finds ${expected ?? 'nothing'} for ${JSON.stringify(target)}`, () => {
      expect(findBackup(backups, target)?.id).to.equal(expected);
    });
  }
});
