import type { PlaybookContext } from '../../src/recovery/playbook.js';

export const backupFile =
  '/var/lib/payram/backups/payram-backup-20260127-143052-1.7.8-to-1.7.9.dump';

export const fullContext: PlaybookContext = {
  containerName: 'payram',
  image: 'payramapp/payram:1.7.8',
  targetImage: 'payramapp/payram:1.7.9',
  ports: ['18080:8080', '8443:8443'],
  backupPath: backupFile,
  fromVersion: '1.7.8',
  toVersion: '1.7.9',
  updaterUrl: 'http://127.0.0.1:2359',
};

export const emptyContext: PlaybookContext = {
  containerName: undefined,
  image: undefined,
  targetImage: undefined,
  ports: [],
  backupPath: undefined,
  fromVersion: undefined,
  toVersion: undefined,
  updaterUrl: '',
};

/** What a job record holds when its fields were stored as empty strings. */
export const blankContext: PlaybookContext = {
  ...emptyContext,
  containerName: '',
  image: ' ',
  targetImage: '',
  backupPath: '',
  fromVersion: '',
  toVersion: '',
  updaterUrl: 'http://127.0.0.1:2359/',
};
