import { expect } from 'chai';

import { renderPlaybook } from '../../src/recovery/render-playbook.js';
import { failureCodes } from '../../src/shared/failure-codes.js';
import { backupFile, emptyContext, fullContext } from './contexts.js';

const restoreNote =
  '# PostgreSQL runs inside the Payram container by default, so restore while the container ' +
  'is up, then restart it on the restored data:';

describe('rendered playbooks', () => {
  it('MIGRATION_FAILED leads back to the old image and the real backup, with no rollback', () => {
    const playbook = renderPlaybook('MIGRATION_FAILED', fullContext);

    expect(playbook).to.deep.equal({
      code: 'MIGRATION_FAILED',
      severity: 'MANUAL_REQUIRED',
      dataRisk: 'LIKELY',
      title: 'The database migration failed',
      userMessage:
        'The database migration to version 1.7.9 failed. The database may be half-migrated, ' +
        'and nothing was rolled back automatically: payram still runs payramapp/payram:1.7.9. ' +
        'Do not retry the upgrade; `payram-updater recover` refuses it. Restore the ' +
        `pre-upgrade backup ${backupFile}, and go back to payramapp/payram:1.7.8 as below, or ` +
        'contact Payram support first if unsure.',
      sshSteps: [
        '# Keep the migration error for Payram support:',
        'payram-updater logs',
        'docker logs --tail 200 payram',
        '# Stop the new container, keep it aside for diagnosis, and start the old one:',
        'docker stop payram',
        'docker rename payram payram-failed-1.7.9',
        '# The upgrade kept the old container aside, stopped, with its settings ' +
          '(image payramapp/payram:1.7.8); if more than one is listed, rename the right one ' +
          'by hand:',
        'docker ps -a --filter ancestor=payramapp/payram:1.7.8',
        'docker rename "$(docker ps -aq --filter ancestor=payramapp/payram:1.7.8 | head -n 1)" ' +
          'payram',
        'docker start payram',
        restoreNote.replace('# ', '# Then restore the pre-upgrade backup. '),
        `payram-updater backup restore --file ${backupFile} --yes`,
        'docker restart payram',
        'curl -fsS --retry 30 --retry-delay 2 --retry-all-errors http://127.0.0.1:18080/api/v1/health',
        'payram-updater inspect',
      ],
      docsUrl: 'https://docs.payram.com/self-hosting/updater/troubleshooting#migration-failed',
      backupPath: backupFile,
      autoRecoverable: false,
    });
  });

  it('HEALTHCHECK_FAILED checks the rolled-back container before offering a restore', () => {
    const playbook = renderPlaybook('HEALTHCHECK_FAILED', fullContext);

    expect(playbook).to.deep.equal({
      code: 'HEALTHCHECK_FAILED',
      severity: 'MANUAL_REQUIRED',
      dataRisk: 'POSSIBLE',
      title: 'The new version failed its health check',
      userMessage:
        'The new container did not become healthy on payramapp/payram:1.7.9, so the updater ' +
        'removed it and started payram again on payramapp/payram:1.7.8. The new version may ' +
        'have changed the database before it failed: check that the old version works on it.',
      sshSteps: [
        '# The job log records the failed check and the rollback:',
        'payram-updater logs',
        'docker ps -a --filter name=payram',
        '# payram should run payramapp/payram:1.7.8 again and answer:',
        "docker inspect --format '{{.Config.Image}}' payram",
        'curl -fsS --retry 30 --retry-delay 2 --retry-all-errors http://127.0.0.1:18080/api/v1/health',
        'docker logs --tail 200 payram',
        restoreNote.replace(
          '# ',
          '# Only if the old version misbehaves on the database, restore the pre-upgrade backup. ',
        ),
        `payram-updater backup restore --file ${backupFile} --yes`,
        'docker restart payram',
        'curl -fsS --retry 30 --retry-delay 2 --retry-all-errors http://127.0.0.1:18080/api/v1/health',
        'payram-updater inspect',
      ],
      docsUrl: 'https://docs.payram.com/self-hosting/updater/troubleshooting#healthcheck-failed',
      backupPath: backupFile,
      autoRecoverable: false,
    });
  });

  it('MIGRATION_FAILED without a recorded backup says so and lists the backups', () => {
    const { userMessage, sshSteps } = renderPlaybook('MIGRATION_FAILED', {
      ...fullContext,
      backupPath: undefined,
    });

    expect(userMessage).to.contain('No pre-upgrade backup was recorded for this job');
    expect(sshSteps.slice(-6, -3)).to.deep.equal([
      restoreNote.replace('# ', '# Then restore the pre-upgrade backup. '),
      '# No pre-upgrade backup was recorded for this job. List the backups and restore the ' +
        'newest one taken before the upgrade with `payram-updater backup restore --id <id> --yes`:',
      'payram-updater backup list',
    ]);
    expect(sshSteps.filter((step) => step.includes('--file'))).to.deep.equal([]);
  });

  it('MIGRATION_FAILED without the old image explains how to find the kept container', () => {
    const { sshSteps } = renderPlaybook('MIGRATION_FAILED', { ...fullContext, image: undefined });

    expect(sshSteps.slice(6, 9)).to.deep.equal([
      '# The old image was not recorded for this job. Find the stopped container the upgrade ' +
        'kept aside (it runs version 1.7.8) and rename it back with ' +
        '`docker rename <its name> payram`:',
      "docker ps -a --format '{{.Names}}\\t{{.Image}}\\t{{.Status}}'",
      'docker start payram',
    ]);
  });

  it('renders defaults for an empty context: container payram, port 8080, default updater', () => {
    const steps = failureCodes.flatMap((code) => renderPlaybook(code, emptyContext).sshSteps);

    expect(steps).to.include('docker logs --tail 200 payram');
    expect(steps).to.include(
      'curl -fsS --retry 30 --retry-delay 2 --retry-all-errors http://127.0.0.1:8080/api/v1/health',
    );
    expect(steps).to.include('curl -fsS http://127.0.0.1:2359/health');
  });

  it('uses the real container name, port and updater URL in every step', () => {
    const context = {
      ...fullContext,
      containerName: 'shop-core',
      ports: ['5353:53/udp', '127.0.0.1:9000:8080'],
      updaterUrl: 'http://172.17.0.1:2400/',
    };
    const steps = failureCodes.flatMap((code) => renderPlaybook(code, context).sshSteps);

    expect(steps.filter((step) => /(?<![\w/-])payram(?=\s|$)/.test(step))).to.deep.equal([]);
    expect(steps.filter((step) => /:8080\/|:2359/.test(step))).to.deep.equal([]);
    expect(steps).to.include.members([
      'docker start shop-core',
      'curl -fsS --retry 30 --retry-delay 2 --retry-all-errors http://127.0.0.1:9000/api/v1/health',
      'curl -fsS http://172.17.0.1:2400/health',
    ]);
  });

  it('offers recover only where the playbook allows it', () => {
    const offering = failureCodes.filter((code) =>
      renderPlaybook(code, fullContext).sshSteps.includes('payram-updater recover'),
    );
    const allowed = failureCodes.filter(
      (code) => renderPlaybook(code, fullContext).autoRecoverable,
    );

    expect(offering).to.deep.equal(allowed);
  });
});
