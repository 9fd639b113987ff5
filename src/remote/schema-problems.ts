import type { ArkErrors } from 'arktype';

const shownProblems = 5;

/**
 * arktype's summary as one line: "releases must be an array (was string); …". A document with
 * thousands of bad entries would otherwise make a message of thousands of lines.
 */
export function describeProblems(errors: ArkErrors): string {
  const lines = errors.summary
    .split('\n')
    .map((line) => (line.startsWith('must ') ? `document ${line}` : line));
  const shown = lines.slice(0, shownProblems).join('; ');
  const hidden = lines.length - shownProblems;
  return hidden > 0 ? `${shown}; and ${hidden} more` : shown;
}
