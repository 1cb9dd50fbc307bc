package org.tasktracker.account;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Counts attempts per key (an address, a username at an address) in fixed windows: after
 * {@code limit} in one window, the key must wait for the window's end. A refusal is
 * answered from memory, costing no database read and no hash. With {@link SharedLimits},
 * the counts are those of every instance on the database: each count adds to the shared
 * window and learns its total, and a key not refused here is looked up there before it
 * may try. If the database cannot be reached, that lookup's failure is the caller's to
 * answer (every caller reads the same database next, and would only wait for it a second
 * time); any other failure of the shared counts leaves the decision to this instance's
 * own.
 */
final class AttemptWindows {

	private static final Logger log = LoggerFactory.getLogger(AttemptWindows.class);

	/** Past this many keys, ended windows are dropped on the next count. */
	private static final int SWEEP_AT = 100_000;

	private final int limit;

	private final long windowNanos;

	private final Duration window;

	private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

	private final @Nullable SharedLimits shared;

	private final String kind;

	/** Counts in this instance's memory only. */
	AttemptWindows(int limit, Duration window) {
		this(limit, window, null, "local");
	}

	/**
	 * @param shared where every instance counts, or null to count here only
	 * @param kind what is counted (its keys are apart from other kinds')
	 */
	AttemptWindows(int limit, Duration window, @Nullable SharedLimits shared, String kind) {
		this.limit = limit;
		this.window = window;
		this.windowNanos = window.toNanos();
		this.shared = shared;
		this.kind = kind;
	}

	int limit() {
		return this.limit;
	}

	/**
	 * Whole seconds until {@code key} may try again; 0 when it may now.
	 * @throws DataAccessResourceFailureException or {@link TransientDataAccessException}
	 * when the shared counts are needed and the database cannot be reached
	 */
	long waitSeconds(String key) {
		long now = System.nanoTime();
		long wait = waitSeconds(this.windows.get(key), now);
		if (wait > 0 || this.shared == null) {
			return wait;
		}
		try {
			Optional<SharedLimits.Seen> seen = this.shared.attempts(this.kind, key, this.window);
			if (seen.isEmpty()) {
				return 0;
			}
			Window everywhere = learn(key, seen.get(), now);
			return waitSeconds(everywhere, now);
		}
		catch (DataAccessResourceFailureException | TransientDataAccessException ex) {
			throw ex;
		}
		catch (DataAccessException ex) {
			log.debug("Shared {} attempts not read; this instance's count decides: {}", this.kind, ex.getMessage());
			return 0;
		}
	}

	private long waitSeconds(@Nullable Window window, long now) {
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
		if (this.shared != null) {
			try {
				learn(key, this.shared.count(this.kind, key, this.window), now);
			}
			catch (DataAccessException ex) {
				log.debug("Shared {} attempt not counted; counted here only: {}", this.kind, ex.getMessage());
			}
		}
		if (this.windows.size() > SWEEP_AT) {
			this.windows.values().removeIf((window) -> window.over(now, this.windowNanos));
		}
	}

	/** Takes the shared window as this instance's own, when it counted more. */
	private Window learn(String key, SharedLimits.Seen seen, long now) {
		long started = now - this.windowNanos + (long) (seen.secondsLeft() * 1e9);
		Window everywhere = new Window(started, seen.attempts());
		return this.windows.merge(key, everywhere,
				(here, shared) -> (shared.count >= here.count || here.over(now, this.windowNanos)) ? shared : here);
	}

	private record Window(long start, int count) {

		boolean over(long now, long windowNanos) {
			return now - this.start >= windowNanos;
		}

	}

}
