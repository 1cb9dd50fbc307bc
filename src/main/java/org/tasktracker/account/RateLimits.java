package org.tasktracker.account;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

/**
 * Requests a second per user: a token bucket per user that holds up to
 * {@code RATE_LIMIT_BURST} requests and refills at {@code RATE_LIMIT} a second. Buckets
 * live in this instance's memory; one user's bucket never touches another's.
 */
@Component
class RateLimits {

	private final double perSecond;

	private final int burst;

	private final ConcurrentMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

	RateLimits(AccountProperties properties) {
		this.perSecond = properties.rateLimit();
		this.burst = Math.max(1, properties.rateLimitBurst());
	}

	boolean enabled() {
		return this.perSecond > 0;
	}

	int burst() {
		return this.burst;
	}

	/** Takes one request from the user's bucket, if there is one to take. */
	Decision take(long userId) {
		Bucket bucket = this.buckets.computeIfAbsent(userId, (id) -> new Bucket(this.burst));
		long now = System.nanoTime();
		synchronized (bucket) {
			bucket.refill(now, this.perSecond, this.burst);
			boolean allowed = bucket.tokens >= 1;
			if (allowed) {
				bucket.tokens -= 1;
			}
			double missing = this.burst - bucket.tokens;
			long resetSeconds = (long) Math.ceil(missing / this.perSecond);
			long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - bucket.tokens) / this.perSecond));
			return new Decision(allowed, (int) Math.floor(bucket.tokens), resetSeconds, retryAfter);
		}
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

		private long refilledAt = System.nanoTime();

		Bucket(int burst) {
			this.tokens = burst;
		}

		void refill(long now, double perSecond, int burst) {
			this.tokens = Math.min(burst, this.tokens + (now - this.refilledAt) / 1e9 * perSecond);
			this.refilledAt = now;
		}

	}

}
