package org.tasktracker.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start log's last line tells a newcomer where to go and how to get in, in each mode.
 */
class ReadyMessageUnitTests {

	private static final String URL = "http://127.0.0.1:8000/";

	@Test
	void localModeSaysNoSignInIsNeededFromThisMachine() {
		assertThat(message(AuthMode.LOCAL, null)).startsWith("TaskTracker is ready: open http://127.0.0.1:8000/ ")
			.contains("http://127.0.0.1:8000/docs")
			.contains("you are the user 'local' without signing in");
	}

	@Test
	void requiredModeNamesTheAdminToSignInAsButNeverThePassword() {
		String message = message(AuthMode.REQUIRED, "boss");
		assertThat(message).contains("sign in as 'boss' with ADMIN_PASSWORD").doesNotContain("s3cret password");
	}

	@Test
	void requiredModeWithoutAnAdminSaysAnAdminMakesAccounts() {
		assertThat(message(AuthMode.REQUIRED, null)).contains("sign in with an account an admin made");
	}

	@Test
	void offModeSaysEveryRequestActsAsLocal() {
		assertThat(message(AuthMode.OFF, null)).contains("acts as the user 'local'");
	}

	private static String message(AuthMode mode, String admin) {
		AccountProperties properties = new AccountProperties(mode, AccountProperties.Registration.CLOSED, admin,
				(admin != null) ? "s3cret password" : null, 0, 0, 10);
		return new ReadyMessage(properties).message(URL);
	}

}
