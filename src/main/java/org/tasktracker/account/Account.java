package org.tasktracker.account;

/**
 * The user a request acts as: the principal of every authenticated request, whatever
 * proved it (a token, a password, the local rule). Features take the owner of what they
 * read and write from here, and nowhere else.
 *
 * @param id the user's id, the {@code owner_id} of everything the user owns
 * @param username the user's name, lower-case
 * @param admin whether the user may manage users
 */
public record Account(long id, String username, boolean admin) implements java.io.Serializable {

	/** The built-in user of credential-less requests on loopback. */
	public static final long LOCAL_ID = 1;

	static final String LOCAL_USERNAME = "local";

	static final Account LOCAL = new Account(LOCAL_ID, LOCAL_USERNAME, true);

	public boolean isLocal() {
		return this.id == LOCAL_ID;
	}

}
