package org.tasktracker.account;

import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The resource server's check of a bearer token, answered by {@link TokenService} from
 * this service's own tokens: the grant becomes an {@link AccountAuthentication} limited
 * to the token's scopes. Spring's {@code BearerTokenAuthenticationFilter} reads the
 * header and refuses a malformed one; this is its authentication manager, given the
 * client's address so that unknown tokens are counted against it.
 */
final class TokenAuthentication implements AuthenticationManager {

	private final TokenService tokens;

	TokenAuthentication(TokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		BearerTokenAuthenticationToken bearer = (BearerTokenAuthenticationToken) authentication;
		String address = (bearer.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: "unknown";
		Optional<TokenRepository.Grant> grant;
		try {
			grant = this.tokens.check(bearer.getToken(), address);
		}
		catch (DataAccessException ex) {
			throw new CredentialStoreUnavailableException("The token store failed", ex);
		}
		TokenRepository.Grant live = grant.orElseThrow(() -> new InvalidBearerTokenException("The token is not valid"));
		List<Scope> scopes = live.scopes().stream().flatMap((scope) -> Scope.of(scope).stream()).toList();
		return AccountAuthentication.token(live.account(), scopes);
	}

}
