package org.tasktracker.account;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.tasktracker.database.BackgroundJobs;
import org.tasktracker.database.NotificationListener;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What makes several instances on one database act as one towards a user: limits counted
 * in the database ({@code tasktracker.auth.shared-limits}, on by default), and the
 * {@link AccountChanges} every instance hears, so that a revoked token or a deleted user
 * is refused everywhere at once.
 */
@Configuration(proxyBeanMethods = false)
class SharedLimitsConfiguration {

	/**
	 * Always a bean, switched by the setting rather than by a condition: Spring AOT fixes
	 * conditions when the jar is built, and the setting is the runtime's.
	 */
	@Bean
	SharedLimits sharedLimits(JdbcClient jdbc, @Value("${tasktracker.auth.shared-limits:true}") boolean enabled) {
		return new SharedLimits(jdbc, enabled);
	}

	@Bean
	RateLimits rateLimits(AccountProperties properties, SharedLimits shared) {
		return new RateLimits(properties, shared.ifEnabled());
	}

	/**
	 * Deletes full buckets and ended windows, on one instance at a time (with the sharing
	 * off, of tables left as they were).
	 */
	@Bean
	RecurringTask<Void> limitsPurgeJob(SharedLimits shared) {
		return BackgroundJobs.every("limits-purge", java.time.Duration.ofMinutes(10), shared::purge);
	}

	@Bean
	NotificationListener accountChangesListener(DataSource dataSource, TokenService tokens, WebSessions sessions,
			UserZones zones) {
		NotificationListener listener = new NotificationListener(dataSource, AccountChanges.CHANNEL,
				(payload) -> AccountChanges.parse(payload)
					.ifPresent((change) -> forget(change, tokens, sessions, zones)),
				() -> {
					// Changes sent while nobody listened are lost: forget everything
					// instead.
					tokens.forgetAll();
					sessions.forgetAll();
					zones.forgetAll();
				});
		tokens.hearingChangesWhile(listener::listening);
		return listener;
	}

	private static void forget(AccountChanges.Change change, TokenService tokens, WebSessions sessions,
			UserZones zones) {
		switch (change) {
			case AccountChanges.Change.TokenRevoked revoked -> tokens.forgetToken(revoked.tokenId());
			case AccountChanges.Change.UserChanged user -> {
				tokens.forgetUser(user.userId());
				sessions.forgetUser(user.userId());
				zones.forget(user.userId());
			}
		}
	}

}
