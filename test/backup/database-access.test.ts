import { expect } from 'chai';
import { databaseAccess, libpqEnv } from '../../src/backup/database-access.js';
import { applicationPrograms } from '../../src/backup/supervisor.js';

const base = ['POSTGRES_DB=payram', 'POSTGRES_USER=payram', 'POSTGRES_PASSWORD=s3cret'];

describe('databaseAccess', () => {
  it('reads the embedded-database defaults', () => {
    expect(databaseAccess(base)).to.deep.equal({
      host: 'localhost',
      port: '5432',
      database: 'payram',
      user: 'payram',
      password: 's3cret',
      sslmode: 'prefer',
      local: true,
    });
  });

  it('accepts POSTGRES_DATABASE / POSTGRES_USERNAME and an external host', () => {
    const access = databaseAccess([
      'POSTGRES_HOST=db.internal',
      'POSTGRES_PORT=6432',
      'POSTGRES_DATABASE=pay',
      'POSTGRES_USERNAME=app',
      'POSTGRES_PASSWORD=x=y',
      'POSTGRES_SSLMODE=require',
    ]);
    expect(access).to.include({
      host: 'db.internal',
      port: '6432',
      database: 'pay',
      user: 'app',
      password: 'x=y',
      local: false,
    });
    expect(libpqEnv(access)).to.include.members([
      'PGHOST=db.internal',
      'PGSSLMODE=require',
      'PGPASSWORD=x=y',
    ]);
  });

  it('reaches a local database on loopback without TLS', () => {
    expect(libpqEnv(databaseAccess(base))).to.include.members([
      'PGHOST=127.0.0.1',
      'PGSSLMODE=disable',
    ]);
  });

  const missing: [string, string[]][] = [
    ['no password', ['POSTGRES_DB=payram', 'POSTGRES_USER=payram']],
    ['an empty password', [...base.slice(0, 2), 'POSTGRES_PASSWORD=']],
    ['no database', ['POSTGRES_USER=payram', 'POSTGRES_PASSWORD=x']],
    ['a bad port', [...base, 'POSTGRES_PORT=five']],
  ];
  for (const [what, env] of missing) {
    it(`refuses ${what} with INVALID_DB_CONFIG, never echoing the password`, () => {
      expect(() => databaseAccess(env))
        .to.throw()
        .with.property('code', 'INVALID_DB_CONFIG');
      expect(() => databaseAccess(env))
        .to.throw()
        .that.satisfies((e: Error) => !e.message.includes('s3cret'));
    });
  }
});

describe('applicationPrograms', () => {
  it('picks the running programs that are not the database', () => {
    const programs = [
      { name: 'postgres', state: 'RUNNING' },
      { name: 'payram-core', state: 'RUNNING' },
      { name: 'payram-worker', state: 'RUNNING' },
      { name: 'cron', state: 'STOPPED' },
      { name: 'postgresql:main', state: 'RUNNING' },
    ];
    expect(applicationPrograms(programs, ['postgres', 'postgresql'])).to.deep.equal([
      'payram-core',
      'payram-worker',
    ]);
  });
});
