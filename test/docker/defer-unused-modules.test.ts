import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

const probe = fileURLToPath(new URL('./fixtures/deferred-modules-probe.ts', import.meta.url));

interface ProbeReport {
  afterImport: Record<string, number>;
  afterUse: Record<string, number>;
  clientClass: string;
  clientConnect: string;
  uuid: string;
  grpcServer: string;
  protoLoaderLists: boolean;
}

describe("dockerode's unused libraries", () => {
  let report: ProbeReport;

  before(async function () {
    this.timeout(30_000);
    // A process of its own: in this one, other tests may have loaded the libraries already.
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', probe]);
    report = JSON.parse(stdout) as ProbeReport;
  });

  it('are not loaded when the Docker client is created: only their stand-ins are cached', () => {
    expect(report.afterImport).to.deep.equal({
      ssh2: 1,
      '@grpc/grpc-js': 1,
      '@grpc/proto-loader': 1,
      uuid: 1,
    });
  });

  it('load for real on first use and then behave as themselves', () => {
    expect(report.afterUse['ssh2']).to.be.greaterThan(1);
    expect(report.afterUse['uuid']).to.be.greaterThan(1);
    expect(report.afterUse['@grpc/grpc-js']).to.be.greaterThan(1);
    expect(report.afterUse['@grpc/proto-loader']).to.be.greaterThan(1);
    expect(report.clientClass).to.equal('Client');
    expect(report.clientConnect).to.equal('function');
    expect(report.uuid).to.match(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(report.grpcServer).to.equal('function');
    expect(report.protoLoaderLists).to.equal(true);
  });
});
