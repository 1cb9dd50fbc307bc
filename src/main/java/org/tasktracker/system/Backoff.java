package org.tasktracker.system;

import java.time.Duration;

/**
 * Capped exponential backoff: each wait twice the one before, up to a ceiling.
 */
final class Backoff {

	private final Duration max;

	private Duration next;

	Backoff(Duration first, Duration max) {
		this.next = first;
		this.max = max;
	}

	/** The wait before the next attempt. */
	Duration next() {
		return this.next;
	}

	/** Waits {@code wait} (at most the current backoff), then doubles the backoff. */
	void sleep(Duration wait) {
		try {
			Thread.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while backing off", ex);
		}
		Duration doubled = this.next.multipliedBy(2);
		this.next = (doubled.compareTo(this.max) > 0) ? this.max : doubled;
	}

}
