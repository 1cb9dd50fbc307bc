package org.tasktracker.account;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.web.InvalidRequestException;
import org.tasktracker.web.RequestParts;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.ErrorResponseException;

/**
 * The user operations and their rules: who may create whom, what one may change of
 * oneself, who cannot be deleted. Also creates the first admin at start.
 */
@Service
class UserService implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(UserService.class);

	private final UserRepository users;

	private final PasswordEncoder passwords;

	private final PasswordAttempts attempts;

	private final TokenService tokens;

	private final DatabaseRetry retry;

	private final TransactionOperations transactions;

	private final ApplicationEventPublisher events;

	private final AccountProperties properties;

	private final UserZones zones;

	private final WebSessions sessions;

	private final AccountChanges changes;

	/**
	 * Accounts opened per client address under open registration, in windows of an hour.
	 */
	private final AttemptWindows registrations;

	UserService(UserRepository users, PasswordEncoder passwords, PasswordAttempts attempts, TokenService tokens,
			DatabaseRetry retry, TransactionOperations transactions, ApplicationEventPublisher events,
			AccountProperties properties, UserZones zones, WebSessions sessions, AccountChanges changes,
			SharedLimits shared) {
		this.users = users;
		this.passwords = passwords;
		this.attempts = attempts;
		this.tokens = tokens;
		this.retry = retry;
		this.transactions = transactions;
		this.events = events;
		this.properties = properties;
		this.zones = zones;
		this.sessions = sessions;
		this.changes = changes;
		this.registrations = new AttemptWindows(Math.max(1, properties.registrationLimit()), Duration.ofHours(1),
				shared.ifEnabled(), "registration");
	}

	/**
	 * Creates a user: an admin acting with the {@code admin} scope may create anyone;
	 * with open registration anyone else may create a user who is not an admin, up to
	 * {@code REGISTRATION_LIMIT} an hour from one address.
	 * @param asAdmin whether the request acts as an admin with the {@code admin} scope
	 * (an admin's token without it acts as anybody)
	 * @param address the client's address, which open registration counts against
	 */
	User create(boolean asAdmin, NewUser user, String address) {
		if (!asAdmin) {
			if (this.properties.registration() != AccountProperties.Registration.OPEN) {
				throw forbidden("Only an admin may manage users");
			}
			if (user.admin()) {
				throw forbidden("Only an admin may create an admin");
			}
			long wait = this.registrations.waitSeconds(address);
			if (wait > 0) {
				throw TooManyAttemptsException.registrations(wait).toErrorResponse();
			}
			this.registrations.count(address);
		}
		String hash = encode(user.password());
		return this.retry.onceOnly(() -> this.users.create(user, hash))
			.orElseThrow(() -> conflict("That username is taken"));
	}

	List<User> list() {
		return this.retry.idempotent(this.users::findAll);
	}

	User me(Account caller) {
		return this.retry.idempotent(() -> this.users.findById(caller.id()))
			.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND));
	}

	/**
	 * Applies a merge patch to the caller's own user. A new password needs the current
	 * one, checked like any password: a wrong one counts against the caller's failed
	 * attempts. A new password ends the user's web sessions but {@code keepSession}.
	 * @param keepSession the id of the web session that asks, or null
	 */
	Update update(Account caller, UserPatch patch, String clientAddress, @Nullable String keepSession) {
		String newHash = null;
		if (patch.password() != null) {
			if (caller.isLocal()) {
				throw forbidden("The local user has no password");
			}
			try {
				this.attempts.checkAllowed(clientAddress);
			}
			catch (TooManyAttemptsException ex) {
				throw ex.toErrorResponse();
			}
			String current = this.retry.idempotent(() -> this.users.findPasswordHash(caller.id()));
			if (current == null || !matches(patch.currentPassword(), current)) {
				this.attempts.failed(clientAddress);
				throw new InvalidRequestException("current_password", "is not the current password");
			}
			newHash = encode(patch.password());
		}
		String hash = newHash;
		User updated = this.retry.idempotent(() -> this.transactions.execute((status) -> {
			User user = this.users.update(caller.id(), patch, hash)
				.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND));
			if (patch.timezone() != null) {
				this.events.publishEvent(new TimezoneChanged(caller.id(), ZoneId.of(user.timezone())));
			}
			this.changes.userChanged(caller.id());
			return user;
		}));
		this.zones.forget(caller.id());
		int ended = (hash != null) ? this.sessions.endAll(caller.username(), keepSession) : 0;
		return new Update(updated, ended);
	}

	/**
	 * @param user the user as changed
	 * @param endedSessions how many of the user's other web sessions a new password ended
	 */
	record Update(User user, int endedSessions) {
	}

	/**
	 * Deletes a user with everything the user owns, in one transaction.
	 * @return whether there was such a user
	 */
	boolean delete(Account caller, long id) {
		if (id == Account.LOCAL_ID) {
			throw conflict("The local user cannot be deleted");
		}
		if (id == caller.id()) {
			throw conflict("You cannot delete yourself");
		}
		Optional<String> deleted = this.retry.onceOnly(() -> this.transactions.execute((status) -> {
			Optional<String> username = this.users.delete(id);
			username.ifPresent((name) -> {
				this.events.publishEvent(new UserDeleted(id));
				this.changes.userChanged(id);
			});
			return username;
		}));
		this.tokens.forgetUser(id);
		this.sessions.forgetUser(id);
		if (deleted == null || deleted.isEmpty()) {
			return false;
		}
		this.sessions.endAll(deleted.get(), null);
		return true;
	}

	private String encode(String password) {
		try {
			return this.passwords.encode(password);
		}
		catch (PasswordHashing.Busy ex) {
			throw ex.toErrorResponse();
		}
	}

	private boolean matches(@Nullable String password, String hash) {
		try {
			return this.passwords.matches(password, hash);
		}
		catch (PasswordHashing.Busy ex) {
			throw ex.toErrorResponse();
		}
	}

	/**
	 * The first admin, from {@code ADMIN_USERNAME} and {@code ADMIN_PASSWORD}: created
	 * when no user of that name exists, never changed.
	 */
	@Override
	public void run(ApplicationArguments arguments) {
		String username = this.properties.adminUsername();
		String password = this.properties.adminPassword();
		if (username == null || username.isBlank() || password == null || password.isEmpty()) {
			return;
		}
		NewUser admin;
		try {
			admin = AccountRequests.newUser(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()
				.put("username", username)
				.put("password", password)
				.put("admin", true));
		}
		catch (InvalidRequestException ex) {
			// The detail names the rule broken, never the password itself.
			throw new IllegalStateException(
					"ADMIN_USERNAME and ADMIN_PASSWORD break the rules for users: " + ex.getBody().getDetail());
		}
		if (this.users.existsByUsername(admin.username())) {
			return;
		}
		Optional<User> created = this.users.create(admin, encode(admin.password()));
		created.ifPresent((user) -> log.info("Created the admin user '{}' (ADMIN_USERNAME)", user.username()));
	}

	static ErrorResponseException conflict(String detail) {
		return RequestParts.refusal(HttpStatus.CONFLICT, detail);
	}

	static ErrorResponseException forbidden(String detail) {
		return RequestParts.refusal(HttpStatus.FORBIDDEN, detail);
	}

}
