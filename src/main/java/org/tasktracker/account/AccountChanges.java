package org.tasktracker.account;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells every instance on the database that a token or a user changed, through
 * PostgreSQL's {@code NOTIFY} in the changing transaction: the notification is delivered
 * when, and only if, the change commits. Each instance forgets what it cached of that
 * token or user (its listener is in {@link SharedLimitsConfiguration}), so a revoked
 * token, a deleted user or a changed time zone holds nowhere once the change is seen.
 */
@Component
class AccountChanges {

	static final String CHANNEL = "tasktracker_accounts";

	private final JdbcClient jdbc;

	AccountChanges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void tokenRevoked(long tokenId) {
		notify("token:" + tokenId);
	}

	void userChanged(long userId) {
		notify("user:" + userId);
	}

	private void notify(String payload) {
		this.jdbc.sql("SELECT pg_notify(:channel, :payload)")
			.param("channel", CHANNEL)
			.param("payload", payload)
			.query((row, number) -> 1)
			.single();
	}

	/** The change a payload names; empty for one this version does not know. */
	static Optional<Change> parse(String payload) {
		int colon = payload.indexOf(':');
		if (colon < 0) {
			return Optional.empty();
		}
		long id;
		try {
			id = Long.parseLong(payload.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		return switch (payload.substring(0, colon)) {
			case "token" -> Optional.of(new Change.TokenRevoked(id));
			case "user" -> Optional.of(new Change.UserChanged(id));
			default -> Optional.empty();
		};
	}

	sealed interface Change {

		record TokenRevoked(long tokenId) implements Change {
		}

		record UserChanged(long userId) implements Change {
		}

	}

}
