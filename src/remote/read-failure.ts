/** Why a source could not be read, phrased to follow "Could not fetch … from X: ". */
export class ReadFailure extends Error {
  override readonly name = 'ReadFailure';

  constructor(reason: string, cause?: unknown) {
    super(reason, cause === undefined ? undefined : { cause });
  }
}
