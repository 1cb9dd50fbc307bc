package org.tasktracker.account;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.tasktracker.database.DatabaseRetry;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * The web UI's sessions (Spring Session JDBC) as the users behind them change: a session
 * acts as the account it signed in as only while that account still is what it was
 * ({@link SessionUserFilter} asks {@link #current} on every request), and a new password
 * or a deleted user ends the user's sessions in the database, where every instance reads
 * them.
 */
@Component
class WebSessions {

	/**
	 * How long an answer of {@link #current} is reused; other instances see a change
	 * within it.
	 */
	static final Duration CACHE_TIME = Duration.ofSeconds(1);

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final UserRepository users;

	private final DatabaseRetry retry;

	private final Cache<Long, Optional<Account>> accounts = Caffeine.newBuilder()
		.expireAfterWrite(CACHE_TIME)
		.maximumSize(100_000)
		.build();

	WebSessions(FindByIndexNameSessionRepository<? extends Session> sessions, UserRepository users,
			DatabaseRetry retry) {
		this.sessions = sessions;
		this.users = users;
		this.retry = retry;
	}

	/**
	 * The user's account as it is now, at most {@link #CACHE_TIME} old; empty when the
	 * user no longer exists.
	 */
	Optional<Account> current(long userId) {
		return this.accounts.get(userId, (id) -> this.retry.idempotent(() -> this.users.findById(id))
			.map((user) -> new Account(user.id(), user.username(), user.admin())));
	}

	void forgetUser(long userId) {
		this.accounts.invalidate(userId);
	}

	void forgetAll() {
		this.accounts.invalidateAll();
	}

	/**
	 * Ends every web session signed in as {@code username}, but {@code keep}.
	 * @return how many were ended
	 */
	int endAll(String username, @Nullable String keep) {
		int ended = 0;
		for (String id : this.sessions.findByPrincipalName(username).keySet()) {
			if (!id.equals(keep)) {
				this.sessions.deleteById(id);
				ended++;
			}
		}
		return ended;
	}

}
