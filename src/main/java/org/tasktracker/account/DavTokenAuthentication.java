package org.tasktracker.account;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The CalDAV paths' check of HTTP Basic credentials: the password must be an API token of
 * the user named, checked by {@link TokenService} as a bearer token is. An account
 * password is refused without being hashed: a phone then never holds one, each device's
 * token can be revoked alone, and a password guess on these paths costs nothing and
 * learns nothing.
 */
final class DavTokenAuthentication implements AuthenticationManager {

	private final TokenService tokens;

	DavTokenAuthentication(TokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName().toLowerCase(Locale.ROOT);
		Object credentials = authentication.getCredentials();
		String secret = (credentials != null) ? credentials.toString() : "";
		if (!secret.startsWith(TokenService.PREFIX)) {
			throw new BadCredentialsException("Not a token");
		}
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : "unknown";
		Optional<TokenRepository.Grant> grant;
		try {
			grant = this.tokens.check(secret, address);
		}
		catch (DataAccessException ex) {
			throw new CredentialStoreUnavailableException("The token store failed", ex);
		}
		// A token names its owner; the username must be that owner's, so that a token
		// sent under another name is refused rather than acting as its owner.
		TokenRepository.Grant live = grant.filter((found) -> found.account().username().equals(username))
			.orElseThrow(() -> new BadCredentialsException("The token is not valid"));
		List<Scope> scopes = live.scopes().stream().flatMap((scope) -> Scope.of(scope).stream()).toList();
		return AccountAuthentication.token(live.account(), scopes);
	}

}
