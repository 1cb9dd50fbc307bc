package org.tasktracker.account;

import org.jspecify.annotations.Nullable;

/**
 * A validated request to create a user.
 *
 * @param username lower-cased, 3-64 characters of {@code a-z 0-9 . _ -}, not
 * {@code local}
 * @param password 12-256 code points, not yet hashed
 * @param displayName at most 100 code points, no control characters, or null
 * @param timezone an IANA zone name
 * @param admin whether the user may manage users
 */
record NewUser(String username, String password, @Nullable String displayName, String timezone, boolean admin) {

	@Override
	public String toString() {
		return "NewUser[username=" + this.username + "]";
	}

}
