import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat, PING_INTERVAL_MS } from '../../src/runtime/host/heartbeat';

const SILENT_MS = 10_000;

/** A runtime that answers a ping after `delay` ms, or never (null); `paused` as the test sets it. */
function watch(delay: () => number | null) {
  const state = { paused: false, pings: 0, silences: [] as number[] };
  const heartbeat = new Heartbeat({
    ping: () => {
      state.pings++;
      const ms = delay();
      return ms === null ? new Promise(() => {}) : new Promise((resolve) => setTimeout(resolve, ms));
    },
    silentMs: SILENT_MS,
    paused: () => state.paused,
    onSilent: (ms) => state.silences.push(ms),
  });
  heartbeat.start();
  return { heartbeat, state };
}

describe('Heartbeat', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('stays quiet while the runtime answers, however slowly within the limit', async () => {
    const { heartbeat, state } = watch(() => SILENT_MS - 2 * PING_INTERVAL_MS);
    await vi.advanceTimersByTimeAsync(91_000);
    heartbeat.stop();
    expect(state.silences).toEqual([]);
    // One ping at a time: at 1 s, then every 9 s (8 s to answer, and the next tick).
    expect(state.pings).toBe(11);
  });

  it('reports a runtime that stops answering once, between the limit and one interval after it', async () => {
    let answering = true;
    const { state } = watch(() => (answering ? 0 : null));
    await vi.advanceTimersByTimeAsync(5_000);
    answering = false;
    const stoppedAt = Date.now();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state.silences).toHaveLength(1);
    expect(state.silences[0]).toBeGreaterThanOrEqual(SILENT_MS);
    expect(state.silences[0]).toBeLessThanOrEqual(SILENT_MS + PING_INTERVAL_MS);
    // It pinged once more after the runtime stopped, and never after it was reported.
    expect(state.pings).toBe(stoppedAt / PING_INTERVAL_MS + 1);
  });

  it('does not count silence while paused, and counts it again from the end of the pause', async () => {
    const { state } = watch(() => null);
    await vi.advanceTimersByTimeAsync(3_000);
    state.paused = true;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state.silences).toEqual([]);
    state.paused = false;
    await vi.advanceTimersByTimeAsync(SILENT_MS - PING_INTERVAL_MS);
    expect(state.silences).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * PING_INTERVAL_MS);
    expect(state.silences).toEqual([SILENT_MS]);
  });

  it('says nothing once stopped, even of an answer that comes after', async () => {
    const { heartbeat, state } = watch(() => null);
    await vi.advanceTimersByTimeAsync(SILENT_MS / 2);
    heartbeat.stop();
    await vi.advanceTimersByTimeAsync(10 * SILENT_MS);
    expect(state.silences).toEqual([]);
    expect(state.pings).toBe(1);
  });
});
