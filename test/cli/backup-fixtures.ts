/** Backups in the shape of GET /backups (api contract of issue 4), newest first. */

export const backupDir = '/var/lib/payram/backups';

export const preUpgradeBackup = {
  id: '20260127-143052-1.7.8',
  path: `${backupDir}/payram-backup-20260127-143052-1.7.8-to-1.7.9.dump`,
  filename: 'payram-backup-20260127-143052-1.7.8-to-1.7.9.dump',
  size: 12_345_678,
  sha256: '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19',
  created_at: '2026-01-27T14:30:52.000Z',
  database: 'payram',
  from_version: '1.7.8',
  target_version: '1.7.9',
  job_id: 'job-1769524252000-a1b2c3',
  kind: 'pre-upgrade',
};

export const manualBackup = {
  id: '20260120-090000-1.7.8',
  path: `${backupDir}/payram-backup-20260120-090000-1.7.8-to-manual.dump`,
  filename: 'payram-backup-20260120-090000-1.7.8-to-manual.dump',
  size: 900,
  sha256: 'aa11bb22cc33dd44ee55ff6677889900aabbccddeeff00112233445566778899',
  created_at: '2026-01-20T09:00:00.000Z',
  database: 'payram',
  from_version: '1.7.8',
  target_version: 'manual',
  job_id: '',
  kind: 'manual',
};

export const backupList = { success: true, count: 2, backups: [preUpgradeBackup, manualBackup] };
