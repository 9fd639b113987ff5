import type { PlaybookContext } from './playbook.js';
import {
  containerNameOf,
  coreUrl,
  present,
  shellQuote,
  targetTag,
  targetText,
  updaterUrlOf,
} from './render-values.js';

// Steps are lines an operator pastes into a shell on the host; explanations are shell comments,
// so pasting a whole playbook still runs only the commands.

export const updaterStatus = 'payram-updater status';
export const updaterLogs = 'payram-updater logs';
export const followUpdaterLogs = 'payram-updater logs -f';
export const updaterInspect = 'payram-updater inspect';
export const updaterRecover = 'payram-updater recover';
export const listBackups = 'payram-updater backup list';
export const createBackup = 'payram-updater backup create';
export const updaterDaemonLogs = 'docker logs --tail 200 payram-updater';
export const diskSpace = 'df -h /var/lib/payram /var/lib/docker';
export const listAllContainers = "docker ps -a --format '{{.Names}}\\t{{.Image}}\\t{{.Status}}'";

export type CliMode = 'dashboard' | 'manual';

export function note(text: string): string {
  return `# ${text}`;
}

const name = (context: PlaybookContext) => shellQuote(containerNameOf(context));

export const listContainers = (context: PlaybookContext) =>
  `docker ps -a --filter name=${name(context)}`;
export const containerLogs = (context: PlaybookContext) =>
  `docker logs --tail 200 ${name(context)}`;
export const startContainer = (context: PlaybookContext) => `docker start ${name(context)}`;
export const stopContainer = (context: PlaybookContext) => `docker stop ${name(context)}`;
export const restartContainer = (context: PlaybookContext) => `docker restart ${name(context)}`;
export const runningImage = (context: PlaybookContext) =>
  `docker inspect --format '{{.Config.Image}}' ${name(context)}`;
export const versionLabelFormat = `'{{ index .Config.Labels "org.opencontainers.image.version" }}'`;
export const imageVersionLabel = (context: PlaybookContext) =>
  `docker inspect --format ${versionLabelFormat} ${name(context)}`;
export const supervisorStatus = (context: PlaybookContext) =>
  `docker exec ${name(context)} supervisorctl status`;

// curl reads brackets as a glob: an IPv6 address needs --globoff.
const curl = (url: string) => `curl -fsS${url.includes('[') ? ' --globoff' : ''}`;

export const checkHealth = (context: PlaybookContext) => {
  const url = coreUrl(context, '/api/v1/health');
  // A core just (re)started needs a few seconds: wait up to 60 s rather than fail at once.
  return `${curl(url)} --retry 30 --retry-delay 2 --retry-all-errors ${url}`;
};
export const checkVersion = (context: PlaybookContext) => {
  const url = coreUrl(context, '/api/v1/version');
  return `${curl(url)} ${url}`;
};
export const updaterHealth = (context: PlaybookContext) => {
  const url = `${updaterUrlOf(context)}/health`;
  return `${curl(url)} ${url}`;
};
export const updaterSetting = (variable: string) =>
  `docker exec payram-updater printenv ${variable}`;

export const dryRunTo = (mode: CliMode, tag: string) =>
  `payram-updater dry-run --mode ${mode} --to ${shellQuote(tag)}`;
export const dryRun = (context: PlaybookContext, mode: CliMode) =>
  dryRunTo(mode, targetTag(context));

/** Only a recorded target is pasted into a command that changes something. */
export function runUpgrade(context: PlaybookContext, mode: CliMode): string {
  const version = present(context.toVersion);
  const command = `payram-updater run --mode ${mode} --to`;
  if (version === undefined) {
    return note(`The target was not recorded for this job; name it: \`${command} <version>\`.`);
  }
  return `${command} ${shellQuote(version)}`;
}

export function restoreBackup(context: PlaybookContext): string[] {
  const path = present(context.backupPath);
  if (path !== undefined) return [`payram-updater backup restore --file ${shellQuote(path)} --yes`];
  return [
    note(
      'No pre-upgrade backup was recorded for this job. List the backups and restore the newest ' +
        'one taken before the upgrade with `payram-updater backup restore --id <id> --yes`:',
    ),
    listBackups,
  ];
}

export function pullTargetImage(context: PlaybookContext): string[] {
  const why = 'to see the registry, DNS, proxy or rate-limit error';
  const image = present(context.targetImage);
  if (image !== undefined) {
    return [note(`Pull it by hand ${why}:`), `docker pull ${shellQuote(image)}`];
  }
  return [
    note(
      `The image for ${targetText(context)} was not recorded for this job. The plan names it; ` +
        `pull it by hand with \`docker pull <image>\` ${why}:`,
    ),
    dryRun(context, 'manual'),
  ];
}

/** Health and diagnostics once the container should be serving again. */
export function verifySteps(context: PlaybookContext): string[] {
  return [checkHealth(context), updaterInspect];
}
