package org.tasktracker.account;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Accounts and access settings ({@code tasktracker.auth}).
 *
 * @param mode what a request without credentials gets
 * @param registration whether anyone may create an account, or only admins
 * @param adminUsername with {@code adminPassword}: the admin created at start if missing
 * @param adminPassword the first admin's password; never logged
 * @param rateLimit requests a second per user; 0 lifts the limit
 * @param rateLimitBurst requests a user may make at once before the limit applies
 * @param registrationLimit with open registration: accounts that one client address may
 * open an hour
 */
@ConfigurationProperties("tasktracker.auth")
record AccountProperties(AuthMode mode, Registration registration, @Nullable String adminUsername,
		@Nullable String adminPassword, int rateLimit, int rateLimitBurst, int registrationLimit) {

	enum Registration {

		OPEN, CLOSED

	}

	@Override
	public String toString() {
		return "AccountProperties[mode=" + this.mode + ", registration=" + this.registration + "]";
	}

}
