package org.tasktracker.account;

import java.util.Locale;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a username and password (HTTP Basic, the sign-in form) with Spring Security's
 * {@link DaoAuthenticationProvider}, which hashes a dummy password for an unknown user so
 * that both cost the same and replaces an outdated hash (bcrypt) with the encoder's
 * current one (Argon2id) after a correct password. Adds the limit on failed checks: past
 * it, the password is not even hashed.
 */
final class PasswordAuthentication implements AuthenticationProvider {

	private final DaoAuthenticationProvider passwords;

	private final PasswordAttempts attempts;

	PasswordAuthentication(UserRepository users, PasswordEncoder encoder, PasswordAttempts attempts) {
		this.passwords = new DaoAuthenticationProvider(userDetails(users));
		this.passwords.setPasswordEncoder(encoder);
		this.passwords.setUserDetailsPasswordService((user, newHash) -> {
			try {
				users.upgradePasswordHash(user.getUsername(), user.getPassword(), newHash);
			}
			catch (DataAccessException ex) {
				// The password was right; the upgrade waits for the next sign-in.
				return user;
			}
			return new UserAccount(((UserAccount) user).account(), newHash);
		});
		this.attempts = attempts;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String username = authentication.getName().toLowerCase(Locale.ROOT);
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : "unknown";
		try {
			this.attempts.checkAllowed(address);
		}
		catch (DataAccessException ex) {
			// The user is read from the same database next: answer now, not after a
			// second wait for it.
			throw new InternalAuthenticationServiceException("The attempt counts failed", ex);
		}
		Authentication checked;
		try {
			checked = this.passwords.authenticate(
					UsernamePasswordAuthenticationToken.unauthenticated(username, authentication.getCredentials()));
		}
		catch (BadCredentialsException ex) {
			this.attempts.failed(address);
			throw ex;
		}
		UserAccount user = (UserAccount) checked.getPrincipal();
		return AccountAuthentication.wholeUser(user.account(), AccountAuthentication.Proof.PASSWORD);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/**
	 * Users with a password; the local user has none and is not found, at the cost of a
	 * dummy hash like any unknown name.
	 */
	private static UserDetailsService userDetails(UserRepository users) {
		return (username) -> {
			try {
				return users.findCredentials(username)
					.map((credentials) -> new UserAccount(credentials.user().account(), credentials.passwordHash()))
					.orElseThrow(() -> new UsernameNotFoundException("No such user"));
			}
			catch (DataAccessException ex) {
				throw new InternalAuthenticationServiceException("The user store failed", ex);
			}
		};
	}

	/** A user with a password hash, as Spring Security's password check takes it. */
	private static final class UserAccount extends org.springframework.security.core.userdetails.User {

		private final Account account;

		UserAccount(Account account, String passwordHash) {
			super(account.username(), passwordHash, java.util.List.of());
			this.account = account;
		}

		Account account() {
			return this.account;
		}

	}

}
