package org.tasktracker.account;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Spring Security's opaque bearer tokens, answered by {@link TokenService} from this
 * service's own tokens: the introspector finds the grant, the converter turns it into an
 * {@link AccountAuthentication} limited to the token's scopes.
 */
final class TokenIntrospection implements OpaqueTokenIntrospector, OpaqueTokenAuthenticationConverter {

	private final TokenService tokens;

	TokenIntrospection(TokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		Optional<TokenRepository.Grant> grant;
		try {
			grant = this.tokens.check(token);
		}
		catch (DataAccessException ex) {
			// Not a refusal of the token: the entry point answers 503 for this cause.
			throw new AuthenticationServiceException("The token store failed", ex);
		}
		return grant.map(GrantPrincipal::new).orElseThrow(() -> new BadOpaqueTokenException("The token is not valid"));
	}

	@Override
	public Authentication convert(String token, OAuth2AuthenticatedPrincipal principal) {
		TokenRepository.Grant grant = ((GrantPrincipal) principal).grant();
		List<Scope> scopes = grant.scopes().stream().flatMap((scope) -> Scope.of(scope).stream()).toList();
		return AccountAuthentication.token(grant.account(), scopes);
	}

	/** The grant, in the shape the opaque-token provider passes on. */
	private record GrantPrincipal(TokenRepository.Grant grant) implements OAuth2AuthenticatedPrincipal {

		@Override
		public Map<String, Object> getAttributes() {
			return Map.of();
		}

		@Override
		public Collection<? extends GrantedAuthority> getAuthorities() {
			return List.of();
		}

		@Override
		public String getName() {
			return this.grant.account().username();
		}

	}

}
