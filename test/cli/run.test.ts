import { expect } from 'chai';
import { renderSummaryBox } from '../../src/cli/summary-box.js';
import { runCli } from './cli-harness.js';
import { startFakeDaemon, type FakeDaemon } from './fake-daemon.js';
import { allowedPlan, failedJob, refusedPlanAnswer } from './fixtures.js';

const args = ['run', '--mode', 'dashboard', '--to', 'latest'];
const requestBody = { mode: 'DASHBOARD', requested_target: 'latest' };
const accepted = {
  message: 'Upgrade job created successfully. State: POLICY_FETCHING',
  job_id: 'job-1769524252000-a1b2c3',
  state: 'POLICY_FETCHING',
};
const box = renderSummaryBox(allowedPlan).join('\n');
const started = [
  'Started upgrade job job-1769524252000-a1b2c3 (state=POLICY_FETCHING).',
  "Follow it with 'payram-updater status' and 'payram-updater logs -f'.",
].join('\n');

describe('payram-updater run', () => {
  let daemon: FakeDaemon;
  const calls = () => daemon.requests.map((r) => `${r.method} ${r.url} ${r.body}`);

  beforeEach(async () => {
    daemon = await startFakeDaemon({
      'POST /upgrade/plan': { json: { plan: allowedPlan } },
      'POST /upgrade/run': { status: 201, json: accepted },
    });
  });
  afterEach(() => daemon.close());

  it('with --yes plans, shows the summary, then starts the job without asking', async () => {
    const result = await runCli([...args, '--yes'], { daemonUrl: daemon.url });

    expect(result).to.deep.equal({ code: 0, stdout: `${box}\n\n${started}\n`, stderr: '' });
    const body = JSON.stringify(requestBody);
    expect(calls()).to.deep.equal([`POST /upgrade/plan ${body}`, `POST /upgrade/run ${body}`]);
  });

  it('without --yes and without a terminal exits 2 before asking the daemon anything', async () => {
    const result = await runCli(args, { daemonUrl: daemon.url, isInteractive: false });

    expect(result).to.deep.equal({
      code: 2,
      stdout: '',
      stderr: 'Refusing to run without a terminal: pass --yes to confirm non-interactively.\n',
    });
    expect(daemon.requests).to.deep.equal([]);
  });

  for (const answer of ['y\n', 'YES\n', ' Yes \r\n']) {
    it(`proceeds when the operator answers ${JSON.stringify(answer)}`, async () => {
      const result = await runCli(args, {
        daemonUrl: daemon.url,
        isInteractive: true,
        stdin: answer,
      });

      expect(result).to.deep.equal({
        code: 0,
        stdout: `${box}\n\nProceed? (y/N): ${started}\n`,
        stderr: '',
      });
      expect(calls().map((call) => call.split(' ')[1])).to.deep.equal([
        '/upgrade/plan',
        '/upgrade/run',
      ]);
    });
  }

  for (const answer of ['n\n', '\n', 'yep\n', '']) {
    it(`aborts with exit 0 and starts nothing when the answer is ${JSON.stringify(answer)}`, async () => {
      const result = await runCli(args, {
        daemonUrl: daemon.url,
        isInteractive: true,
        stdin: answer,
      });

      expect(result).to.deep.equal({
        code: 0,
        stdout: `${box}\n\nProceed? (y/N): Aborted.\n`,
        stderr: '',
      });
      expect(calls().map((call) => call.split(' ')[1])).to.deep.equal(['/upgrade/plan']);
    });
  }

  it('prints the refusal and exits 1 without starting anything when the plan is refused', async () => {
    daemon.routes.set('POST /upgrade/plan', { status: 422, json: refusedPlanAnswer });

    const result = await runCli([...args, '--yes'], { daemonUrl: daemon.url });

    expect(result.code).to.equal(1);
    expect(result.stdout).to.contain(
      `State: FAILED (MANUAL_UPGRADE_REQUIRED): ${refusedPlanAnswer.error}`,
    );
    expect(result.stdout).not.to.contain('UPGRADE SUMMARY');
    expect(calls().map((call) => call.split(' ')[1])).to.deep.equal(['/upgrade/plan']);
  });

  const conflicts = [
    { body: { error: 'An upgrade job is already in progress' }, code: 'HTTP_409' },
    {
      body: { error: 'An upgrade job is already in progress', code: 'CONCURRENCY_BLOCKED' },
      code: 'CONCURRENCY_BLOCKED',
    },
  ];
  for (const { body, code } of conflicts) {
    it(`exits 1 with the daemon message on 409 (${code})`, async () => {
      daemon.routes.set('POST /upgrade/run', { status: 409, json: body });

      const result = await runCli([...args, '--yes'], { daemonUrl: daemon.url });

      expect(result.code).to.equal(1);
      expect(result.stderr).to.equal(`Error (${code}): An upgrade job is already in progress\n`);
    });
  }

  it('exits 1 with the code and message of a job that failed at once (422)', async () => {
    const failed = {
      ...failedJob,
      error_code: 'MANUAL_UPGRADE_REQUIRED',
      error_message: 'Blocked',
    };
    daemon.routes.set('POST /upgrade/run', { status: 422, json: failed });

    const result = await runCli([...args, '--yes'], { daemonUrl: daemon.url });

    expect(result).to.deep.include({
      code: 1,
      stderr: 'Error (MANUAL_UPGRADE_REQUIRED): Blocked\n',
    });
  });

  it('with --json prints only the daemon answer on stdout and the summary on stderr', async () => {
    const result = await runCli([...args, '--yes', '--json'], { daemonUrl: daemon.url });

    expect(result.code).to.equal(0);
    expect(JSON.parse(result.stdout)).to.deep.equal(accepted);
    expect(result.stderr).to.equal(`${box}\n\n`);
  });
});
