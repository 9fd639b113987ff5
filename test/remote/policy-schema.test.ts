import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { parsePolicy } from '../../src/remote/load-remote.js';
import { rejection } from './fixtures/rejection.js';

const fixture = (name: string): URL => new URL(`fixtures/${name}`, import.meta.url);

async function readJson(name: string): Promise<unknown> {
  return JSON.parse(await readFile(fixture(name), 'utf8')) as unknown;
}

describe('parsePolicy', () => {
  it('maps a minimal policy, defaulting the breakpoint lists to empty', () => {
    expect(parsePolicy({ releases: ['1.0.0'] })).to.deep.equal({
      releases: ['1.0.0'],
      breakpoints: [],
      stopPoints: [],
    });
  });

  it('maps every field to camelCase and ignores unknown ones', async () => {
    const policy = parsePolicy(await readJson('policy-with-extras.json'));

    expect(policy).to.deep.equal({
      latest: '1.10.0',
      dashboardMax: '1.9.2',
      updaterApiInitVersion: '1.9.6',
      releases: ['1.10.0', '1.9.2', 'not-a-version', '1.9.0'],
      breakpoints: [
        {
          version: '1.9.0',
          reason: 'Breaking database schema changes',
          docs: 'https://docs.example.com/migration-guide',
        },
      ],
      stopPoints: [{ version: '1.10.0', reason: 'Requires PostgreSQL 16' }],
    });
  });

  const invalid: [string, unknown, string][] = [
    ['releases a string', { releases: '3.3.0' }, 'releases must be an array (was string)'],
    ['releases missing', { latest: '3.3.0' }, 'releases must be an array (was missing)'],
    ['a release not a string', { releases: ['1.0.0', 7] }, 'releases[1] must be a string'],
    [
      'a breakpoint without version',
      { releases: [], breakpoints: [{ reason: 'schema change' }] },
      'breakpoints[0].version must be a string (was missing)',
    ],
    [
      'a stop point without reason',
      { releases: [], stop_points: [{ version: '2.0.0' }] },
      'stop_points[0].reason must be a string (was missing)',
    ],
    ['breakpoints an object', { releases: [], breakpoints: {} }, 'breakpoints must be an array'],
    ['latest a number', { releases: [], latest: 3 }, 'latest must be a string (was a number)'],
    ['dashboard_max null', { releases: [], dashboard_max: null }, 'dashboard_max must be a string'],
    ['a string document', 'releases', 'document must be an object (was a string)'],
    ['a null document', null, 'document must be an object (was null)'],
  ];

  for (const [name, json, problem] of invalid) {
    it(`refuses ${name}, naming the field`, async () => {
      const error = await rejection(() => parsePolicy(json));

      expect(error.code).to.equal('POLICY_INVALID_JSON');
      expect(error.message).to.contain(problem);
    });
  }

  it('names the source when given one', async () => {
    const error = await rejection(() => parsePolicy({ releases: 'x' }, 'https://example.com/p'));

    expect(error.message).to.equal(
      'The policy from https://example.com/p has invalid fields: releases must be an array (was string)',
    );
  });

  it('lists the first five problems and counts the rest', async () => {
    const error = await rejection(() => parsePolicy({ releases: [1, 2, 3, 4, 5, 6, 7] }));

    expect(error.message).to.match(/releases\[4\] must be a string \(was a number\); and 2 more$/);
    expect(error.message).not.to.contain('releases[5]');
  });
});
