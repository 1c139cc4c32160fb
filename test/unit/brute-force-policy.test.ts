import { describe, expect, it } from 'vitest';
import {
  applyFailure,
  bruteForceSettings,
  lockStatus,
  recordExpiry,
  type BruteForceSettings,
  type LoginFailureRecord,
} from '../../shared/authn/brute-force/policy.js';

const T0 = 1_900_000_000_000; // epoch ms, on a whole second
const settings = (overrides: Partial<BruteForceSettings> = {}): BruteForceSettings => ({
  ...bruteForceSettings({ bruteForceProtected: true }),
  failureFactor: 3,
  waitIncrementSeconds: 60,
  ...overrides,
});

/** Applies failures at the given times (ms); returns each outcome. */
function failAt(s: BruteForceSettings, times: number[], start?: LoginFailureRecord) {
  let record = start;
  return times.map((time) => {
    const outcome = applyFailure(s, record, time, '10.0.0.1');
    record = outcome.record;
    return outcome;
  });
}

/** The wait (s) each failure set, failures 1000 s apart (beyond every wait below, within maxDelta). */
function waits(s: BruteForceSettings, count: number): number[] {
  const times = Array.from({ length: count }, (_, i) => T0 + i * 1_000_000);
  return failAt(s, times).map((o, i) => (o.temporaryLockout ? o.temporaryLockout.notBefore - Math.floor(times[i]! / 1000) : 0));
}

describe('brute-force policy (Keycloak DefaultBruteForceProtector.failure)', () => {
  it('takes Keycloak’s defaults for what the realm leaves out', () => {
    expect(bruteForceSettings({})).toEqual({
      bruteForceProtected: false,
      permanentLockout: false,
      maxTemporaryLockouts: 0,
      bruteForceStrategy: 'MULTIPLE',
      maxFailureWaitSeconds: 900,
      minimumQuickLoginWaitSeconds: 60,
      waitIncrementSeconds: 60,
      quickLoginCheckMilliSeconds: 1000,
      maxDeltaTimeSeconds: 43200,
      failureFactor: 30,
    });
  });

  it('MULTIPLE: failureFactor 3, increment 60 — locked 60 s at 3 failures, 120 s at 6', () => {
    expect(waits(settings(), 7)).toEqual([0, 0, 60, 60, 60, 120, 120]);
  });

  it('MULTIPLE and LINEAR reproduce the tables of Keycloak’s server admin guide (factor 5, increment 30)', () => {
    expect(waits(settings({ failureFactor: 5, waitIncrementSeconds: 30 }), 10)).toEqual([0, 0, 0, 0, 30, 30, 30, 30, 30, 60]);
    expect(waits(settings({ failureFactor: 5, waitIncrementSeconds: 30, bruteForceStrategy: 'LINEAR' }), 10)).toEqual([
      0, 0, 0, 0, 30, 60, 90, 120, 150, 180,
    ]);
  });

  it('locks until notBefore, to the second, and counts each count-based wait as a temporary lockout', () => {
    const [, , third] = failAt(settings(), [T0, T0 + 5000, T0 + 10_000]);
    expect(third!.record).toMatchObject({ numFailures: 3, numTemporaryLockouts: 1, failedLoginNotBefore: T0 / 1000 + 70 });
    expect(third!.record.lastFailure).toBe(T0 + 10_000);
    expect(third!.record.lastIPFailure).toBe('10.0.0.1');
    expect(lockStatus(third!.record, settings(), T0 + 69_999)).toEqual({ locked: true, permanent: false, until: T0 + 70_000 });
    expect(lockStatus(third!.record, settings(), T0 + 70_000)).toEqual({ locked: false, permanent: false });
  });

  it('caps the wait at maxFailureWaitSeconds', () => {
    expect(waits(settings({ failureFactor: 1, maxFailureWaitSeconds: 150 }), 4)).toEqual([60, 120, 150, 150]);
    expect(waits(settings({ failureFactor: 1, maxFailureWaitSeconds: 150, bruteForceStrategy: 'LINEAR' }), 4)).toEqual([
      60, 120, 150, 150,
    ]);
  });

  it('quick login check: two failures closer than quickLoginCheckMilliSeconds lock for minimumQuickLoginWaitSeconds', () => {
    const s = settings({ failureFactor: 30, minimumQuickLoginWaitSeconds: 45 });
    const [first, quick] = failAt(s, [T0, T0 + 999]);
    expect(first!.temporaryLockout).toBeUndefined(); // no previous failure, so never "quick"
    expect(quick!.temporaryLockout).toEqual({ notBefore: T0 / 1000 + 45 });
    expect(quick!.record.numTemporaryLockouts).toBe(0); // a quick-login wait is not a temporary lockout
    const [, slow] = failAt(s, [T0, T0 + 1000]);
    expect(slow!.temporaryLockout).toBeUndefined();
  });

  it('keeps the later notBefore when a shorter wait follows a longer one (setFailedLoginNotBefore only moves later)', () => {
    const long = settings({ waitIncrementSeconds: 600 });
    const third = failAt(long, [T0, T0 + 5000, T0 + 10_000])[2]!.record;
    expect(third.failedLoginNotBefore).toBe(T0 / 1000 + 610);
    // The realm lowers its max wait: failure 4 computes 60 s, but the lock already running stays.
    const fourth = applyFailure({ ...long, maxFailureWaitSeconds: 60 }, third, T0 + 20_000, undefined);
    expect(fourth.record.failedLoginNotBefore).toBe(T0 / 1000 + 610);
    expect(fourth.temporaryLockout).toEqual({ notBefore: T0 / 1000 + 610 });
  });

  it('maxDeltaTimeSeconds: a failure more than that after the last one starts the count again', () => {
    const s = settings({ maxDeltaTimeSeconds: 100 });
    const outcomes = failAt(s, [T0, T0 + 10_000, T0 + 20_000, T0 + 120_001]);
    expect(outcomes[2]!.record).toMatchObject({ numFailures: 3, numTemporaryLockouts: 1 });
    expect(outcomes[3]!.record).toEqual({
      numFailures: 1,
      numTemporaryLockouts: 0,
      failedLoginNotBefore: 0,
      lastFailure: T0 + 120_001, // written after the reset (Keycloak 26.6+, keycloak#46634)
      lastIPFailure: '10.0.0.1',
    });
    // Exactly maxDeltaTimeSeconds later is not "more than": the count goes on.
    expect(failAt(s, [T0, T0 + 100_000])[1]!.record.numFailures).toBe(2);
    // And after a reset the next spaced-out failure resets again (the bug #46634 fixed).
    expect(failAt(s, [T0, T0 + 200_000, T0 + 400_000])[2]!.record.numFailures).toBe(1);
  });

  it('permanent lockout: failureFactor failures disable the user, the count never resets, no count-based wait', () => {
    const s = settings({ permanentLockout: true, maxDeltaTimeSeconds: 100 });
    const outcomes = failAt(s, [T0, T0 + 500_000, T0 + 1_000_000]);
    expect(outcomes.map((o) => o.permanentLockout)).toEqual([false, false, true]);
    expect(outcomes.map((o) => o.temporaryLockout)).toEqual([undefined, undefined, undefined]);
    expect(outcomes[2]!.record).toMatchObject({ numFailures: 3, permanentLockoutAt: T0 + 1_000_000 });
    expect(lockStatus(outcomes[2]!.record, s, T0 + 9_000_000_000)).toEqual({ locked: true, permanent: true });
  });

  it('permanent lockout still applies the quick login wait, uncapped by maxFailureWaitSeconds', () => {
    const s = settings({ permanentLockout: true, failureFactor: 30, minimumQuickLoginWaitSeconds: 1000, maxFailureWaitSeconds: 900 });
    expect(failAt(s, [T0, T0 + 100])[1]!.temporaryLockout).toEqual({ notBefore: T0 / 1000 + 1000 });
  });

  it('maxTemporaryLockouts: locks temporarily that many times, then permanently (without another wait)', () => {
    const s = settings({ permanentLockout: true, maxTemporaryLockouts: 2 });
    const outcomes = failAt(s, [T0, T0 + 100_000, T0 + 200_000, T0 + 300_000, T0 + 400_000]);
    expect(outcomes.map((o) => o.record.numTemporaryLockouts)).toEqual([0, 0, 1, 2, 3]);
    expect(outcomes.map((o) => o.temporaryLockout !== undefined)).toEqual([false, false, true, true, false]);
    expect(outcomes.map((o) => o.permanentLockout)).toEqual([false, false, false, false, true]);
    // The mixed mode still caps the wait and resets after maxDeltaTimeSeconds.
    const reset = applyFailure(s, outcomes[3]!.record, T0 + 300_000 + 43_200_001, undefined);
    expect(reset.record).toMatchObject({ numFailures: 1, numTemporaryLockouts: 0 });
  });

  it('never locks permanently through a later settings change, nor when the realm turns permanent lockout off', () => {
    const s = settings({ permanentLockout: true, maxTemporaryLockouts: 1 });
    const afterOneLockout = failAt(s, [T0, T0 + 100_000, T0 + 200_000])[2]!.record;
    expect(afterOneLockout.numTemporaryLockouts).toBe(1);
    const later = T0 + 10_000_000;
    expect(lockStatus(afterOneLockout, { ...s, maxTemporaryLockouts: 0 }, later)).toEqual({ locked: false, permanent: false });

    const locked = failAt(settings({ permanentLockout: true }), [T0, T0 + 100_000, T0 + 200_000])[2]!.record;
    expect(lockStatus(locked, settings({ permanentLockout: false }), later)).toEqual({ locked: false, permanent: false });
    expect(lockStatus(locked, settings({ permanentLockout: true, bruteForceProtected: false }), later).locked).toBe(false);
  });

  it('a failureFactor below 1 counts nothing (Keycloak would divide by zero)', () => {
    const s = settings({ failureFactor: 0, permanentLockout: true });
    expect(failAt(s, [T0, T0 + 100_000]).map((o) => o.permanentLockout || o.temporaryLockout !== undefined)).toEqual([false, false]);
  });

  it('expires a record strictly after maxDeltaTimeSeconds and never before its lock ends', () => {
    const s = settings({ maxDeltaTimeSeconds: 100, maxFailureWaitSeconds: 900, waitIncrementSeconds: 500, failureFactor: 1 });
    const { record } = applyFailure(s, undefined, T0 + 250, undefined);
    expect(recordExpiry(record, s)).toBe(T0 / 1000 + 500 + 1); // the lock (500 s) outlasts maxDelta (100 s)
    const quiet = applyFailure(settings({ maxDeltaTimeSeconds: 100 }), undefined, T0 + 250, undefined).record;
    expect(recordExpiry(quiet, settings({ maxDeltaTimeSeconds: 100 }))).toBe(T0 / 1000 + 1 + 100 + 1);
  });
});
