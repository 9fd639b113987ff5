import { createServer, type Server } from 'node:http';
import { pino } from 'pino';
import { buildAllowList } from './api/access-control.js';
import { createApp } from './api/app.js';
import type { Config } from './config/config.js';
import { loadConfig } from './config/load-config.js';
import { maskConfig } from './config/mask-config.js';
import { detectBridgeNetworks, type BridgeNetworks } from './docker/bridge-networks.js';
import { createDockerClient } from './docker/docker-client.js';
import { DockerContainerRuntime } from './docker/docker-runtime.js';
import { HttpCoreProbe } from './core/http-core-probe.js';
import { RuntimeTargetInspector } from './jobs/observe-target.js';
import type { ExecutorDeps } from './jobs/execute-upgrade.js';
import { JobLock } from './jobs/job-lock.js';
import { BackupOperations } from './jobs/backup-operations.js';
import { inspectSystem } from './jobs/inspect-system.js';
import { FileBackupManager } from './backup/file-backup-manager.js';
import type { DocumentSource } from './jobs/ports.js';
import { UpgradeService } from './jobs/upgrade-service.js';
import { loadManifest, loadPolicy } from './remote/load-remote.js';
import { systemClock } from './shared/clock.js';
import { createJobIdGenerator } from './shared/ids.js';
import type { Logger } from './shared/logger.js';
import { FileHistoryStore } from './store/file-history-store.js';
import { FileJobLog } from './store/file-job-log.js';
import { FileJobStore } from './store/file-job-store.js';

export interface DaemonOptions {
  envFile?: string;
}

export interface RunningDaemon {
  addresses: string[];
  close(): Promise<void>;
}

const loopback = ['127.0.0.1'];
const loopbackSources = ['127.0.0.0/8', '::1/128'];
/** Docker's default address pools, used only when the bridges cannot be detected. */
const fallbackBridgeSources = ['172.16.0.0/12'];

export async function startDaemon(options: DaemonOptions = {}): Promise<RunningDaemon> {
  const config = loadConfig(options.envFile === undefined ? {} : { envFile: options.envFile });
  const logger = createRootLogger(config);
  logger.info({ config: maskConfig(config) }, 'effective configuration');

  const docker = createDockerClient(config.dockerHost);
  const bridges = await detectBridgeNetworks(docker);
  logger.info({ gateways: bridges.gateways, source: bridges.source }, 'docker bridge gateway');

  const stores = await createStores(config, logger);
  const parts = await createParts(config, docker, logger);
  const upgrades = createUpgradeService(config, stores, parts, logger);
  const backupOps = new BackupOperations({
    ...parts,
    imageRepoOverride: config.imageRepoOverride,
    history: stores.history,
    clock: systemClock,
  });
  const interrupted = await stores.jobs.loadCurrent();
  const resolving = upgrades.resolveInterrupted().then((job) => {
    if (job !== undefined)
      logger.warn({ jobId: job.id, state: job.state }, 'interrupted job resolved');
  });
  // A job cut short before it touched a container is ended at once, before the API answers, so
  // no client sees its stale state. Reconciling containers can take minutes (verify, roll
  // back): that runs holding the job lock while the API already answers status requests.
  if (interrupted !== undefined && interrupted.execution === undefined) await resolving;

  const inspector = {
    inspect: () =>
      inspectSystem(
        { ...parts, jobs: stores.jobs, clock: systemClock },
        {
          imageRepoOverride: config.imageRepoOverride,
          coreBaseUrlOverride: config.coreBaseUrl,
          // Longer than one document fetch, so that a slow source reports its own error.
          checkTimeoutMs: config.fetchTimeoutMs + 5000,
        },
      ),
  };
  const app = createApp({
    upgrades,
    inspector,
    backupOps,
    history: stores.history,
    log: stores.log,
    allowedSources: buildAllowList(config.allowedSources ?? defaultSources(bridges, logger)),
    apiToken: config.apiToken,
    bodyLimitBytes: config.requestBodyLimitBytes,
    logger,
    updaterUrl: `http://127.0.0.1:${config.port}`,
  });
  const handle = app.callback();
  const servers = await listenAll(
    (req, res) => {
      void handle(req, res);
    },
    config,
    bridges,
    logger,
  );
  const close = () => closeAll(servers);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    // Closing the listeners lets a running job finish before the process exits on its own.
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      void close();
    });
  }
  return { addresses: servers.map(describeAddress), close };
}

interface Stores {
  jobs: FileJobStore;
  history: FileHistoryStore;
  log: FileJobLog;
}

async function createStores(config: Config, logger: Logger): Promise<Stores> {
  const jobs = new FileJobStore(config.stateDir, (path, movedTo) => {
    logger.error({ path, movedTo }, 'unreadable job state moved aside');
  });
  const history = new FileHistoryStore(config.stateDir);
  const log = new FileJobLog(config.logDir, systemClock);
  await Promise.all([jobs.init(), history.init(), log.init()]);
  return { jobs, history, log };
}

function createRootLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: [
        'apiToken',
        '*.apiToken',
        'req.headers.authorization',
        '*.POSTGRES_PASSWORD',
        'password',
        '*.password',
      ],
      // A secret that is not set stays visibly unset instead of looking configured.
      censor: (value: unknown) => (value === undefined ? undefined : '***'),
    },
  });
}

/** The adapters the service and the backup operations share, with the one job lock. */
interface Parts {
  runtime: DockerContainerRuntime;
  probe: HttpCoreProbe;
  documents: DocumentSource;
  inspector: RuntimeTargetInspector;
  backups: FileBackupManager;
  lock: JobLock;
}

async function createParts(
  config: Config,
  docker: ReturnType<typeof createDockerClient>,
  logger: Logger,
): Promise<Parts> {
  const fetchOptions = {
    timeoutMs: config.fetchTimeoutMs,
    maxBytes: config.fetchMaxBytes,
    baseDir: config.baseDir,
  };
  const runtime = new DockerContainerRuntime(docker, logger);
  const probe = new HttpCoreProbe(logger);
  const backups = new FileBackupManager(
    runtime,
    {
      backupDir: config.backupDir,
      retention: config.backupRetention,
      timeoutMs: config.backupTimeoutMs,
      supervisorExclude: config.supervisorExclude,
    },
    systemClock,
    logger,
  );
  await backups.init();
  return {
    runtime,
    probe,
    backups,
    documents: {
      loadPolicy: () => loadPolicy(config.policyUrl, fetchOptions),
      loadManifest: () => loadManifest(config.manifestUrl, fetchOptions),
    },
    inspector: new RuntimeTargetInspector(runtime, probe, {
      containerName: config.targetContainerName,
      coreBaseUrlOverride: config.coreBaseUrl,
    }),
    lock: new JobLock(),
  };
}

function createUpgradeService(
  config: Config,
  stores: Stores,
  parts: Parts,
  logger: Logger,
): UpgradeService {
  return new UpgradeService({
    ...stores,
    documents: parts.documents,
    inspector: parts.inspector,
    execution: executorDeps(config, parts),
    onStepRecorded: faultInjection(config, logger),
    lock: parts.lock,
    clock: systemClock,
    newId: createJobIdGenerator(() => systemClock.now()),
    logger,
    executionMode: config.executionMode,
    imageRepoOverride: config.imageRepoOverride,
  });
}

function faultInjection(config: Config, logger: Logger) {
  const step = config.faultKillAtStep;
  if (step === undefined) return undefined;
  logger.warn(
    { step },
    'UPDATER_FAULT_KILL_AT_STEP is set: this daemon will kill itself (tests only)',
  );
  return (recorded: string): void => {
    if (recorded === step) process.kill(process.pid, 'SIGKILL');
  };
}

function executorDeps(config: Config, parts: Parts): ExecutorDeps {
  return {
    runtime: parts.runtime,
    probe: parts.probe,
    backups: parts.backups,
    clock: systemClock,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    timeoutMs: config.verifyTimeoutMs,
    intervalMs: config.verifyIntervalMs,
    stopTimeoutSeconds: config.stopTimeoutSeconds,
    settings: {
      skipPull: config.skipDockerPull,
      portsOverride: config.portsOverride,
      coreBaseUrlOverride: config.coreBaseUrl,
    },
  };
}

function defaultSources(bridges: BridgeNetworks, logger: Logger): string[] {
  if (bridges.subnets.length > 0) return [...loopbackSources, ...bridges.subnets];
  logger.warn(
    { fallback: fallbackBridgeSources },
    'no docker bridge found; allowing the default pools',
  );
  return [...loopbackSources, ...fallbackBridgeSources];
}

async function listenAll(
  handler: Parameters<typeof createServer>[1],
  config: Config,
  bridges: BridgeNetworks,
  logger: Logger,
): Promise<Server[]> {
  const addresses = config.bind ?? [...loopback, ...bridges.gateways];
  const servers: Server[] = [];
  for (const address of addresses) {
    try {
      servers.push(await listen(handler, address, config.port));
      logger.info({ address, port: config.port }, 'listening');
    } catch (error) {
      // A gateway that is not on this network namespace (bridge-networked updater) is skipped.
      logger.warn({ address, err: error }, 'cannot listen on address');
    }
  }
  if (servers.length === 0) throw new Error(`Could not listen on any of ${addresses.join(', ')}`);
  return servers;
}

function listen(
  handler: Parameters<typeof createServer>[1],
  address: string,
  port: number,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function describeAddress(server: Server): string {
  const address = server.address();
  return typeof address === 'object' && address !== null
    ? `${address.address}:${address.port}`
    : String(address);
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
          server.closeAllConnections();
        }),
    ),
  );
}
