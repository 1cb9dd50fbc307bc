package org.tasktracker.account;

import org.tasktracker.database.DatabaseRetry;

import org.springframework.stereotype.Component;

/**
 * The name the web UI shows for the signed-in user: the display name, or the username
 * when there is none. Read by the sidebar fragment itself
 * ({@code ${@displayNames.of(caller)}}), so that every page showing it shows the name
 * saved last, with no page putting it in its model.
 */
@Component("displayNames")
class DisplayNames {

	private final UserRepository users;

	private final DatabaseRetry retry;

	DisplayNames(UserRepository users, DatabaseRetry retry) {
		this.users = users;
		this.retry = retry;
	}

	public String of(Account caller) {
		return this.retry.idempotent(() -> this.users.findById(caller.id()))
			.map(DisplayNames::shown)
			.orElse(caller.username());
	}

	static String shown(User user) {
		return (user.displayName() != null) ? user.displayName() : user.username();
	}

}
