package org.tasktracker.account;

import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

/**
 * Requests a second per user: a token bucket per user that holds up to
 * {@code RATE_LIMIT_BURST} requests and refills at {@code RATE_LIMIT} a second. Every
 * request is decided from this instance's memory; one user's bucket never touches
 * another's.
 * <p>
 * With {@link SharedLimits}, the bucket is one for every instance on the database: each
 * instance adds what it let through to the user's row every {@value #RECONCILE_MILLIS}
 * ms, in one statement for all its users, and reads back where the bucket stands. Between
 * two reconciliations an instance may spend its share of what the bucket held (split
 * among the instances that reconciled in the last second) and its share of the refill;
 * what several instances spent beyond that is a debt the shared bucket pays back before
 * anyone is let through again. Over any stretch of time the users' requests therefore
 * stay within the rate plus one burst, with no database round trip on a request. A user
 * first seen here starts with a full share, which the next reconciliation corrects
 * (docs/design/scale-out.md).
 */
class RateLimits implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

	static final long RECONCILE_MILLIS = 100;

	/** A bucket used within this time is reconciled, so it follows what others spend. */
	private static final long ACTIVE_NANOS = Duration.ofSeconds(10).toNanos();

	/** A bucket unused this long is dropped; the user starts afresh here. */
	private static final long FORGOTTEN_NANOS = Duration.ofMinutes(10).toNanos();

	private final double perSecond;

	private final int burst;

	private final @Nullable SharedLimits shared;

	private final LongSupplier clock;

	private final UUID instance = UUID.randomUUID();

	private final ConcurrentMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

	/** Instances taking a share of each bucket, as the last reconciliation found. */
	private volatile int instances = 1;

	private volatile @Nullable Thread reconciler;

	/** Buckets in this instance's memory only. */
	RateLimits(AccountProperties properties) {
		this(properties, null);
	}

	/**
	 * @param shared where the instances reconcile their buckets, or null to keep them
	 * here
	 */
	RateLimits(AccountProperties properties, @Nullable SharedLimits shared) {
		this(properties, shared, System::nanoTime);
	}

	/**
	 * @param clock nanoseconds, as {@link System#nanoTime()} counts them
	 */
	RateLimits(AccountProperties properties, @Nullable SharedLimits shared, LongSupplier clock) {
		this.perSecond = properties.rateLimit();
		this.burst = Math.max(1, properties.rateLimitBurst());
		this.shared = shared;
		this.clock = clock;
	}

	boolean enabled() {
		return this.perSecond > 0;
	}

	int burst() {
		return this.burst;
	}

	/** Takes one request from the user's bucket, if there is one to take. */
	Decision take(long userId) {
		int share = this.instances;
		Bucket bucket = this.buckets.computeIfAbsent(userId, (id) -> new Bucket(capacity(share), this.clock));
		synchronized (bucket) {
			long now = this.clock.getAsLong();
			bucket.refill(now, this.perSecond / share, capacity(share));
			bucket.usedAt = now;
			boolean allowed = bucket.tokens >= 1;
			if (allowed) {
				bucket.tokens -= 1;
				bucket.unreconciled++;
			}
			// Headers speak of the user's whole bucket, of which this instance holds a
			// share.
			double everywhere = Math.min(this.burst, bucket.tokens * share);
			long resetSeconds = (long) Math.ceil((this.burst - everywhere) / this.perSecond);
			long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - bucket.tokens) * share / this.perSecond));
			return new Decision(allowed, (int) Math.max(0, Math.floor(everywhere)), resetSeconds, retryAfter);
		}
	}

	/** At most what one instance's share may hold: never less than one request. */
	private double capacity(int share) {
		return Math.max(1, (double) this.burst / share);
	}

	/**
	 * Adds what this instance let through since last time to the shared buckets and takes
	 * their new levels as its shares. If the database cannot answer, the counts wait for
	 * the next time and this instance decides alone meanwhile.
	 */
	void reconcile() {
		SharedLimits limits = this.shared;
		if (limits == null) {
			return;
		}
		long now = this.clock.getAsLong();
		// By user, in ascending order: what each let through here since last time.
		SortedMap<Long, Integer> unsent = new TreeMap<>();
		this.buckets.forEach((owner, bucket) -> {
			synchronized (bucket) {
				if (now - bucket.usedAt > FORGOTTEN_NANOS && bucket.unreconciled == 0) {
					this.buckets.remove(owner, bucket);
				}
				else if (now - bucket.usedAt <= ACTIVE_NANOS || bucket.unreconciled > 0) {
					unsent.put(owner, bucket.unreconciled);
					bucket.unreconciled = 0;
				}
			}
		});
		if (unsent.isEmpty()) {
			return;
		}
		long[] ids = unsent.keySet().stream().mapToLong(Long::longValue).toArray();
		int[] used = unsent.values().stream().mapToInt(Integer::intValue).toArray();
		SharedLimits.Reconciled reconciled;
		try {
			reconciled = limits.reconcile(this.instance, ids, used, this.perSecond);
		}
		catch (DataAccessException ex) {
			log.debug("Rate-limit buckets not reconciled; this instance decides alone meanwhile: {}", ex.getMessage());
			for (int i = 0; i < ids.length; i++) {
				Bucket bucket = this.buckets.get(ids[i]);
				if (bucket != null) {
					synchronized (bucket) {
						bucket.unreconciled += used[i];
					}
				}
			}
			this.instances = 1;
			return;
		}
		int share = reconciled.instances();
		this.instances = share;
		long after = this.clock.getAsLong();
		for (Map.Entry<Long, Double> entry : reconciled.aheadSeconds().entrySet()) {
			Bucket bucket = this.buckets.get(entry.getKey());
			if (bucket != null) {
				synchronized (bucket) {
					double level = this.burst - Math.max(0, entry.getValue()) * this.perSecond;
					// What the other instances may have spent meanwhile is unknown: a
					// share
					// of the level, but a whole request once the bucket holds one, so
					// that
					// a small burst split many ways still lets requests through.
					double mine = (level >= 1) ? Math.max(level / share, 1) : level / share;
					bucket.tokens = Math.min(mine, capacity(share)) - bucket.unreconciled;
					bucket.refilledAt = after;
				}
			}
		}
	}

	@Override
	public void start() {
		if (this.shared == null || !enabled()) {
			return;
		}
		this.reconciler = Thread.ofPlatform().daemon().name("rate-limit-reconcile").start(this::reconcileUntilStopped);
	}

	private void reconcileUntilStopped() {
		while (this.reconciler == Thread.currentThread()) {
			try {
				Thread.sleep(RECONCILE_MILLIS);
			}
			catch (InterruptedException ex) {
				return;
			}
			try {
				reconcile();
			}
			catch (RuntimeException ex) {
				log.warn("Rate-limit reconciliation failed; trying again", ex);
			}
		}
	}

	@Override
	public void stop() {
		Thread running = this.reconciler;
		this.reconciler = null;
		if (running != null) {
			running.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.reconciler != null;
	}

	/**
	 * @param allowed whether the request may go on
	 * @param remaining requests left in the bucket now
	 * @param resetSeconds seconds until the bucket is full again
	 * @param retryAfterSeconds when refused: seconds until a request is allowed again
	 */
	record Decision(boolean allowed, int remaining, long resetSeconds, long retryAfterSeconds) {
	}

	private static final class Bucket {

		private double tokens;

		private long refilledAt;

		private long usedAt;

		/** Requests let through here that the shared bucket has not been told of. */
		private int unreconciled;

		Bucket(double tokens, LongSupplier clock) {
			this.tokens = tokens;
			this.refilledAt = clock.getAsLong();
			this.usedAt = this.refilledAt;
		}

		/**
		 * Adds what the time since the last refill brought. A reconciliation may have set
		 * the refill time after a caller read the clock: that caller adds nothing.
		 */
		void refill(long now, double perSecond, double capacity) {
			if (now <= this.refilledAt) {
				return;
			}
			if (this.tokens < capacity) {
				this.tokens = Math.min(capacity, this.tokens + (now - this.refilledAt) / 1e9 * perSecond);
			}
			this.refilledAt = now;
		}

	}

}
