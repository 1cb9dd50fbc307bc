package org.tasktracker.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database side of the limits that every instance on one database shares
 * ({@code tasktracker.auth.shared-limits}): the rate limit's buckets, reconciled in the
 * background by {@link RateLimits}, and the attempt windows of {@link AttemptWindows}.
 * Keys of attempt windows are stored hashed.
 */
class SharedLimits {

	private static final Logger log = LoggerFactory.getLogger(SharedLimits.class);

	/** An instance that has not reconciled for this long no longer takes a share. */
	static final Duration INSTANCE_HORIZON = Duration.ofSeconds(1);

	private final JdbcClient jdbc;

	private final boolean enabled;

	SharedLimits(JdbcClient jdbc, boolean enabled) {
		this.jdbc = jdbc;
		this.enabled = enabled;
	}

	/** This, when the limits are shared; null when each instance counts alone. */
	@Nullable SharedLimits ifEnabled() {
		return this.enabled ? this : null;
	}

	/**
	 * Adds what this instance let through to each user's bucket, and reads where each
	 * bucket stands now. Rows are locked in ascending owner order, so two instances
	 * reconciling the same users never deadlock.
	 * @param owners users in ascending order
	 * @param used requests let through here since the last reconciliation, by user
	 */
	Reconciled reconcile(UUID instance, long[] owners, int[] used, double perSecond) {
		Map<Long, Double> ahead = new HashMap<>(owners.length * 2);
		long[] instances = { 1 };
		this.jdbc
			.sql("""
					WITH beat AS (
					    INSERT INTO limit_instances (instance_id, seen_at) VALUES (:instance, now())
					    ON CONFLICT (instance_id) DO UPDATE SET seen_at = now()
					), used AS (
					    SELECT * FROM unnest(CAST(:users AS bigint[]), CAST(:used AS integer[])) AS u (user_id, used)
					), moved AS (
					    INSERT INTO rate_limit_buckets AS b (user_id, ready_at)
					    SELECT user_id, now() + make_interval(secs => used / CAST(:perSecond AS double precision))
					    FROM used WHERE used > 0 ORDER BY user_id
					    ON CONFLICT (user_id) DO UPDATE SET ready_at = greatest(b.ready_at, now()) + (excluded.ready_at - now())
					    RETURNING b.user_id, b.ready_at
					)
					SELECT u.user_id,
					       coalesce(extract(epoch FROM coalesce(m.ready_at, b.ready_at) - now()), 0) AS ahead,
					       1 + (SELECT count(*) FROM limit_instances
					            WHERE instance_id <> :instance AND seen_at > now() - make_interval(secs => :horizon)) AS instances
					FROM used u
					LEFT JOIN moved m ON m.user_id = u.user_id
					LEFT JOIN rate_limit_buckets b ON b.user_id = u.user_id
					""")
			.param("instance", instance)
			.param("users", Arrays.stream(owners).boxed().toArray(Long[]::new))
			.param("used", Arrays.stream(used).boxed().toArray(Integer[]::new))
			.param("perSecond", perSecond)
			.param("horizon", (double) INSTANCE_HORIZON.toSeconds())
			.query((row, number) -> {
				ahead.put(row.getLong("user_id"), row.getDouble("ahead"));
				instances[0] = row.getLong("instances");
				return null;
			})
			.list();
		return new Reconciled(ahead, (int) Math.max(1, instances[0]));
	}

	/**
	 * @param aheadSeconds by user: how far the bucket's ready time is past now (negative
	 * or 0: the bucket is full)
	 * @param instances the instances that reconciled within {@link #INSTANCE_HORIZON},
	 * this one included
	 */
	record Reconciled(Map<Long, Double> aheadSeconds, int instances) {
	}

	/** The attempts of {@code key} in its current window, if it has one. */
	Optional<Seen> attempts(String kind, String key, Duration window) {
		return this.jdbc.sql("""
				SELECT attempts, extract(epoch FROM started_at + make_interval(secs => :window) - now()) AS seconds_left
				FROM attempt_windows
				WHERE kind = :kind AND key_hash = :key AND started_at > now() - make_interval(secs => :window)
				""")
			.param("kind", kind)
			.param("key", keyHash(key))
			.param("window", (double) window.toSeconds())
			.query((row, number) -> new Seen(row.getInt("attempts"), row.getDouble("seconds_left")))
			.optional();
	}

	/** Counts one attempt of {@code key}, in a new window if its last one has ended. */
	Seen count(String kind, String key, Duration window) {
		return this.jdbc
			.sql("""
					INSERT INTO attempt_windows AS w (kind, key_hash, started_at, attempts)
					VALUES (:kind, :key, now(), 1)
					ON CONFLICT (kind, key_hash) DO UPDATE SET
					    attempts = CASE WHEN w.started_at > now() - make_interval(secs => :window) THEN w.attempts + 1 ELSE 1 END,
					    started_at = CASE WHEN w.started_at > now() - make_interval(secs => :window) THEN w.started_at ELSE now() END
					RETURNING attempts, extract(epoch FROM started_at + make_interval(secs => :window) - now()) AS seconds_left
					""")
			.param("kind", kind)
			.param("key", keyHash(key))
			.param("window", (double) window.toSeconds())
			.query((row, number) -> new Seen(row.getInt("attempts"), row.getDouble("seconds_left")))
			.single();
	}

	/**
	 * @param attempts in the window so far
	 * @param secondsLeft until the window ends
	 */
	record Seen(int attempts, double secondsLeft) {
	}

	/**
	 * Deletes what no longer limits anything: buckets full again, windows over (the
	 * longest is an hour), instances gone.
	 */
	void purge() {
		int buckets = this.jdbc.sql("DELETE FROM rate_limit_buckets WHERE ready_at < now()").update();
		int windows = this.jdbc.sql("DELETE FROM attempt_windows WHERE started_at < now() - interval '1 day'").update();
		int instances = this.jdbc.sql("DELETE FROM limit_instances WHERE seen_at < now() - interval '1 hour'").update();
		log.debug("Purged {} full rate-limit buckets, {} ended attempt windows and {} gone instances", buckets, windows,
				instances);
	}

	private static byte[] keyHash(String key) {
		try {
			return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)), 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
