package org.tasktracker.account;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts attempts per key (an address, a username at an address) in fixed windows: after
 * {@code limit} in one window, the key must wait for the window's end. Answers from
 * memory, so a refusal costs no database read and no hash; counts live in this instance's
 * memory.
 */
final class AttemptWindows {

	/** Past this many keys, ended windows are dropped on the next count. */
	private static final int SWEEP_AT = 100_000;

	private final int limit;

	private final long windowNanos;

	private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

	AttemptWindows(int limit, Duration window) {
		this.limit = limit;
		this.windowNanos = window.toNanos();
	}

	int limit() {
		return this.limit;
	}

	/** Whole seconds until {@code key} may try again; 0 when it may now. */
	long waitSeconds(String key) {
		long now = System.nanoTime();
		Window window = this.windows.get(key);
		if (window == null || window.over(now, this.windowNanos) || window.count < this.limit) {
			return 0;
		}
		return Math.max(1, Duration.ofNanos(window.start + this.windowNanos - now).toSeconds() + 1);
	}

	/** Counts one attempt of {@code key}. */
	void count(String key) {
		long now = System.nanoTime();
		this.windows.compute(key, (name, window) -> (window == null || window.over(now, this.windowNanos))
				? new Window(now, 1) : new Window(window.start, window.count + 1));
		if (this.windows.size() > SWEEP_AT) {
			this.windows.values().removeIf((window) -> window.over(now, this.windowNanos));
		}
	}

	private record Window(long start, int count) {

		boolean over(long now, long windowNanos) {
			return now - this.start >= windowNanos;
		}

	}

}
