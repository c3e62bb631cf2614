import { shanghaiDate } from '@ankang/shared';
import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Holds the clock (Date only; timers run) at noon Shanghai time of today for each test, so a test
 * that counts per Shanghai day never straddles midnight: the service and the test's own reading of
 * "today" always agree.
 */
export function atShanghaiNoon(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(`${shanghaiDate(new Date())}T12:00:00+08:00`));
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
