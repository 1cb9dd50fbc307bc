package org.tasktracker.account;

import java.net.URI;
import java.util.List;

import org.tasktracker.web.RequestParts;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP edge of personal API tokens: {@code /tokens} and {@code /tokens/{id}}. */
@RestController
@RequestMapping("/tokens")
class TokenController implements TokenApi {

	/**
	 * Why the local user gets no token: its access must never leave this machine, and a
	 * token would work from anywhere.
	 */
	static final String LOCAL_NEEDS_NO_TOKEN = "The local user needs no token and cannot have one: "
			+ "requests from this machine act as it without credentials, and a token would work from anywhere. "
			+ "To use the API from elsewhere, create a user (POST /users) and a token as that user";

	private final TokenService tokens;

	TokenController(TokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<IssuedToken> create(@AuthenticationPrincipal Account caller, @RequestBody JsonNode body) {
		if (caller.isLocal()) {
			throw UserService.forbidden(LOCAL_NEEDS_NO_TOKEN);
		}
		NewToken request = AccountRequests.newToken(RequestParts.requireObject(body));
		for (Scope scope : request.scopes()) {
			if (scope.adminOnly() && !caller.admin()) {
				throw UserService.forbidden("Only an admin may hold the " + scope.value() + " scope");
			}
		}
		IssuedToken token = this.tokens.issue(caller, request);
		return ResponseEntity.created(URI.create("/tokens/" + token.id())).body(token);
	}

	@Override
	@GetMapping
	public List<ApiToken> list(@AuthenticationPrincipal Account caller) {
		return this.tokens.list(caller);
	}

	@Override
	@DeleteMapping("/{id}")
	public ResponseEntity<Void> revoke(@AuthenticationPrincipal Account caller, @PathVariable String id) {
		long tokenId = RequestParts.positiveId(id);
		if (!this.tokens.revoke(caller, tokenId)) {
			throw RequestParts.refusal(HttpStatus.NOT_FOUND, "Token " + tokenId + " does not exist");
		}
		return ResponseEntity.noContent().build();
	}

}
