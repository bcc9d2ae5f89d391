/** A job failure that retrying cannot fix (bad payload, unknown topic): fail the job at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
