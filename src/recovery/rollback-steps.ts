import type { PlaybookContext } from './playbook.js';
import { containerNameOf, oldImageText, present, shellQuote } from './render-values.js';
import {
  listAllContainers,
  note,
  restartContainer,
  restoreBackup,
  startContainer,
  stopContainer,
  verifySteps,
} from './steps.js';

function asideName(context: PlaybookContext): string {
  const version = present(context.toVersion);
  const suffix = version === undefined ? 'failed' : `failed-${version}`;
  return shellQuote(`${containerNameOf(context)}-${suffix}`);
}

/** The old container stays, stopped and renamed, until an upgrade is verified. */
export function findOldContainer(context: PlaybookContext): string[] {
  const name = shellQuote(containerNameOf(context));
  const image = present(context.image);
  if (image === undefined) {
    return [
      note(
        `The old image was not recorded for this job. Find the stopped container the upgrade ` +
          `kept aside (it runs ${oldImageText(context)}) and rename it back with ` +
          `\`docker rename <its name> ${name}\`:`,
      ),
      listAllContainers,
    ];
  }
  const filter = `--filter ancestor=${shellQuote(image)}`;
  return [
    note(
      `The upgrade kept the old container aside, stopped, with its settings (image ${image}); ` +
        'if more than one is listed, rename the right one by hand:',
    ),
    `docker ps -a ${filter}`,
    `docker rename "$(docker ps -aq ${filter} | head -n 1)" ${name}`,
  ];
}

/** Stop the new container, keep it for diagnosis under another name, start the old one. */
export function putOldContainerBack(context: PlaybookContext): string[] {
  const name = shellQuote(containerNameOf(context));
  return [
    stopContainer(context),
    `docker rename ${name} ${asideName(context)}`,
    ...findOldContainer(context),
    ...restoreRestartPolicy(context),
    startContainer(context),
  ];
}

/** The updater set the kept-aside container to `restart=no`; it gets its own policy back. */
function restoreRestartPolicy(context: PlaybookContext): string[] {
  const policy = present(context.restartPolicy);
  if (policy === undefined || policy === 'no') return [];
  return [`docker update --restart ${shellQuote(policy)} ${shellQuote(containerNameOf(context))}`];
}

/** `lead` says when to restore; the rest is the same wherever a backup has to go back in. */
export function restoreIntoRunningContainer(context: PlaybookContext, lead: string): string[] {
  return [
    note(
      `${lead} PostgreSQL runs inside the Payram container by default, so restore while the ` +
        'container is up, then restart it on the restored data:',
    ),
    ...restoreBackup(context),
    restartContainer(context),
    ...verifySteps(context),
  ];
}

export const restoreIfOldVersionMisbehaves =
  'Only if the old version misbehaves on the database, restore the pre-upgrade backup.';
