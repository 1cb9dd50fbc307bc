package org.tasktracker.account;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

/**
 * Failed password checks, counted per username and per client address in windows of a
 * minute: after {@value #LIMIT} failures in a window, every check of that username or
 * from that address is refused, a correct password too, until the window ends. Counts
 * live in this instance's memory.
 */
@Component
class PasswordAttempts {

	static final int LIMIT = 10;

	static final Duration WINDOW = Duration.ofMinutes(1);

	private final ConcurrentMap<String, Window> failures = new ConcurrentHashMap<>();

	/**
	 * @throws TooManyAttemptsException if the username or the address has used up its
	 * failures in this window
	 */
	void checkAllowed(String username, String address) {
		long now = System.nanoTime();
		long wait = Math.max(waitNanos("user:" + username, now), waitNanos("address:" + address, now));
		if (wait > 0) {
			throw new TooManyAttemptsException(Math.max(1, Duration.ofNanos(wait).toSeconds() + 1));
		}
	}

	void failed(String username, String address) {
		long now = System.nanoTime();
		count("user:" + username, now);
		count("address:" + address, now);
		if (this.failures.size() > 100_000) {
			this.failures.values().removeIf((window) -> window.over(now));
		}
	}

	private long waitNanos(String key, long now) {
		Window window = this.failures.get(key);
		if (window == null || window.over(now) || window.count < LIMIT) {
			return 0;
		}
		return window.start + WINDOW.toNanos() - now;
	}

	private void count(String key, long now) {
		this.failures.compute(key, (name, window) -> (window == null || window.over(now)) ? new Window(now, 1)
				: new Window(window.start, window.count + 1));
	}

	private record Window(long start, int count) {

		boolean over(long now) {
			return now - this.start >= WINDOW.toNanos();
		}

	}

}
