package org.tasktracker.account;

import java.time.Duration;
import java.time.ZoneId;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.tasktracker.database.DatabaseRetry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Each user's time zone, for features that judge dates in it ("today", an all-day due
 * date). Read at most once a second per user; a change is seen at once on this instance,
 * and on the others once they hear of it ({@link AccountChanges}).
 */
@Service
public class UserZones {

	private final JdbcClient jdbc;

	private final DatabaseRetry retry;

	private final Cache<Long, ZoneId> zones = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(1))
		.maximumSize(100_000)
		.build();

	UserZones(JdbcClient jdbc, DatabaseRetry retry) {
		this.jdbc = jdbc;
		this.retry = retry;
	}

	/** The user's zone; UTC for a user that no longer exists. */
	public ZoneId zoneOf(long userId) {
		return this.zones.get(userId,
				(id) -> ZoneId.of(this.retry.idempotent(() -> this.jdbc.sql("SELECT timezone FROM users WHERE id = :id")
					.param("id", id)
					.query(String.class)
					.optional()
					.orElse("UTC"))));
	}

	void forget(long userId) {
		this.zones.invalidate(userId);
	}

	void forgetAll() {
		this.zones.invalidateAll();
	}

}
