import type { SystemInspection } from '../jobs/inspect-system.js';
import { playbookFor, playbookToJson } from './playbook-json.js';

/** GET /upgrade/inspect's body: snake_case, nulls rather than missing values. */
export function inspectionToJson(
  inspection: SystemInspection,
  updaterUrl: string,
): Record<string, unknown> {
  const { lastFinished, update } = inspection;
  const playbook = lastFinished === undefined ? undefined : playbookFor(lastFinished, updaterUrl);
  return {
    overall_state: inspection.overallState,
    issues: inspection.issues.map(({ component, severity, description }) => ({
      component,
      severity,
      description,
    })),
    recommendations: inspection.recommendations,
    checks: Object.fromEntries(
      Object.entries(inspection.checks).map(([component, { ok, detail }]) => [
        component,
        { ok, detail },
      ]),
    ),
    playbook: playbook === undefined ? null : playbookToJson(playbook),
    update: {
      current_version: update.currentVersion ?? null,
      latest_version: update.latestVersion ?? null,
      dashboard_can_upgrade: update.dashboardCanUpgrade,
      dashboard_max_target: update.dashboardMaxTarget ?? null,
    },
    checked_at: inspection.checkedAt,
  };
}
