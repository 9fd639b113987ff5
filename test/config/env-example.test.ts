import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { loadConfig } from '../../src/config/load-config.js';
import { envSchema } from '../../src/config/env-schema.js';

const examplePath = join(import.meta.dirname, '../../packaging/examples/updater.env.example');

describe('packaging/examples/updater.env.example', () => {
  let text: string;
  before(async () => {
    text = await readFile(examplePath, 'utf8');
  });

  it('documents every variable the daemon reads, with a comment above it', () => {
    const lines = text.split('\n');
    const undocumented = envSchema.props
      .map((prop) => prop.key as string)
      .filter((key) => {
        const at = lines.findIndex((line) => new RegExp(`^(# )?${key}=`).test(line));
        return at < 1 || !lines.slice(0, at).some((line) => line.startsWith('# '));
      });
    expect(undocumented).to.deep.equal([]);
  });

  it('names only variables that exist', () => {
    const known = new Set(envSchema.props.map((prop) => prop.key as string));
    const fileBacked = ['UPDATER_API_TOKEN_FILE', 'POLICY_URL_FILE', 'RUNTIME_MANIFEST_URL_FILE'];
    const named = [...text.matchAll(/^(?:# )?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]);
    expect(named.filter((name) => !known.has(name!) && !fileBacked.includes(name!))).to.deep.equal(
      [],
    );
  });

  it('gives the defaults the daemon applies, once the two URLs are filled in', () => {
    const filled = text
      .replace(/^POLICY_URL=$/m, 'POLICY_URL=https://releases.example.test/policy.json')
      .replace(/^RUNTIME_MANIFEST_URL=$/m, 'RUNTIME_MANIFEST_URL=/etc/payram/manifest.json');
    const fromExample = loadConfig({
      env: {},
      envFile: '/etc/payram/updater.env',
      readFile: () => filled,
      cwd: '/',
    });
    const fromDefaults = loadConfig({
      env: {
        POLICY_URL: 'https://releases.example.test/policy.json',
        RUNTIME_MANIFEST_URL: '/etc/payram/manifest.json',
      },
      fileExists: () => false,
      cwd: '/',
    });
    expect(fromExample).to.deep.equal(fromDefaults);
  });

  it('leaves the two URLs for the operator to fill in', () => {
    const values = parseEnv(text);
    expect([values['POLICY_URL'], values['RUNTIME_MANIFEST_URL']]).to.deep.equal(['', '']);
    expect(() => loadConfig({ env: {}, envFile: examplePath, cwd: '/' })).to.throw(/POLICY_URL/);
  });
});
