import { describe, expect, it } from 'vitest';
import { disableAt, nextDomainState } from './domain-transitions.js';

const H = 3600_000;
const GRACE = 72 * H;
const now = new Date('2026-12-06T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('nextDomainState', () => {
  it('verifies any domain whose check passes, and forgets when it started failing', () => {
    for (const status of ['pending', 'verified', 'failing', 'disabled'] as const)
      expect(nextDomainState({ status, failingSince: ago(H) }, true, now, GRACE)).toEqual({
        status: 'verified',
        failingSince: null,
      });
  });

  it('leaves a pending domain pending while it fails', () => {
    expect(nextDomainState({ status: 'pending', failingSince: null }, false, now, GRACE)).toEqual({
      status: 'pending',
      failingSince: null,
    });
  });

  it('flags a verified domain failing from now', () => {
    expect(nextDomainState({ status: 'verified', failingSince: null }, false, now, GRACE)).toEqual({
      status: 'failing',
      failingSince: now,
    });
  });

  it('keeps a failing domain failing within the grace period, with its start kept', () => {
    const since = ago(GRACE - 1);
    expect(nextDomainState({ status: 'failing', failingSince: since }, false, now, GRACE)).toEqual({
      status: 'failing',
      failingSince: since,
    });
  });

  it('disables a failing domain once the grace period has passed', () => {
    const since = ago(GRACE);
    expect(nextDomainState({ status: 'failing', failingSince: since }, false, now, GRACE)).toEqual({
      status: 'disabled',
      failingSince: since,
    });
  });

  it('leaves a disabled domain disabled while it fails', () => {
    expect(
      nextDomainState({ status: 'disabled', failingSince: ago(100 * H) }, false, now, GRACE).status,
    ).toBe('disabled');
  });

  it('says when a failing domain will be disabled', () => {
    expect(disableAt({ status: 'failing', failingSince: ago(H) }, GRACE)?.toISOString()).toBe(
      new Date(now.getTime() + 71 * H).toISOString(),
    );
    expect(disableAt({ status: 'verified', failingSince: null }, GRACE)).toBeNull();
  });
});
