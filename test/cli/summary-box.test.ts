import { expect } from 'chai';
import type { Plan } from '../../src/cli/responses.js';
import { renderSummaryBox } from '../../src/cli/summary-box.js';
import { allowedPlan } from './fixtures.js';

describe('renderSummaryBox', () => {
  it('shows the fields and warnings of a dashboard upgrade, as users know the box', () => {
    expect(renderSummaryBox(allowedPlan)).to.deep.equal([
      '╔══════════════════════════════════════════════════════════════╗',
      '║                       UPGRADE SUMMARY                        ║',
      '╠══════════════════════════════════════════════════════════════╣',
      '║  Mode:             DASHBOARD                                 ║',
      '║  Requested Target: latest                                    ║',
      '║  Resolved Target:  1.7.0                                     ║',
      '║  Image:            payramapp/payram:1.7.0                    ║',
      '║  Container:        payram                                    ║',
      '║  Current Version:  1.6.2                                     ║',
      '╠══════════════════════════════════════════════════════════════╣',
      '║  !  This will stop and replace the container.                ║',
      '║     Brief downtime expected.                                 ║',
      '║                                                              ║',
      '║  i  Dashboard upgrades may be blocked by policy breakpoints. ║',
      '╚══════════════════════════════════════════════════════════════╝',
    ]);
  });

  it('says that a dry-run daemon changes nothing, and leaves out the dashboard note', () => {
    const box = renderSummaryBox({ ...allowedPlan, mode: 'MANUAL', execution_mode: 'dry-run' });

    expect(box.slice(10, -1)).to.deep.equal([
      '║  i  The daemon is in dry-run mode: it will log each step and ║',
      '║     change nothing.                                          ║',
    ]);
  });

  const longWarning =
    'No Payram container was found (no container runs an image of payramapp/payram); ' +
    'an execute-mode run would refuse with CONTAINER_NOT_FOUND.';
  const cases: { name: string; plan: Plan }[] = [
    { name: 'a dashboard upgrade', plan: allowedPlan },
    { name: 'a manual upgrade', plan: { ...allowedPlan, mode: 'MANUAL' } },
    {
      name: 'an image name wider than the box',
      plan: { ...allowedPlan, image: `registry.example.com/${'x'.repeat(70)}/payram:1.7.0` },
    },
    { name: 'long plan warnings', plan: { ...allowedPlan, warnings: [longWarning, 'short'] } },
    {
      name: 'missing values and control characters',
      plan: { allowed: true, mode: 'MANUAL', container: 'pay\nram\u001b[2J', image: null },
    },
  ];
  for (const { name, plan } of cases) {
    it(`keeps every line the same width with ${name}`, () => {
      const widths = renderSummaryBox(plan).map((line) => line.length);

      expect(new Set(widths).size, widths.join(',')).to.equal(1);
    });
  }

  it('wraps a long warning under its marker and shows missing values as -', () => {
    const box = renderSummaryBox({ allowed: true, mode: 'MANUAL', warnings: [longWarning] });

    expect(box.slice(3, 9)).to.deep.equal([
      '║  Mode:             MANUAL                                    ║',
      '║  Requested Target: -                                         ║',
      '║  Resolved Target:  -                                         ║',
      '║  Image:            -                                         ║',
      '║  Container:        -                                         ║',
      '║  Current Version:  -                                         ║',
    ]);
    expect(box.slice(12, -1)).to.deep.equal([
      '║                                                              ║',
      '║  !  No Payram container was found (no container runs an      ║',
      '║     image of payramapp/payram); an execute-mode run would    ║',
      '║     refuse with CONTAINER_NOT_FOUND.                         ║',
    ]);
  });
});
