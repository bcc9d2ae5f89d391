import type { DomainStatus } from '@agora/contracts';

export type DomainState = { status: DomainStatus; failingSince: Date | null };

/**
 * The status after a conclusive DNS check. Passing makes any domain verified. Failing leaves a
 * pending or disabled domain where it is, flags a verified one `failing` (it stays served), and
 * disables a failing one once `graceMs` has passed since it started failing.
 */
export function nextDomainState(
  current: DomainState,
  passed: boolean,
  now: Date,
  graceMs: number,
): DomainState {
  if (passed) return { status: 'verified', failingSince: null };
  switch (current.status) {
    case 'verified':
      return { status: 'failing', failingSince: now };
    case 'failing': {
      const since = current.failingSince ?? now;
      return now.getTime() - since.getTime() >= graceMs
        ? { status: 'disabled', failingSince: since }
        : { status: 'failing', failingSince: since };
    }
    default:
      return current;
  }
}

/** When a failing domain will be disabled if it keeps failing. */
export const disableAt = (state: DomainState, graceMs: number): Date | null =>
  state.status === 'failing' && state.failingSince ? new Date(state.failingSince.getTime() + graceMs) : null;
