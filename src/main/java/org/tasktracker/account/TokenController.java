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

	private final TokenService tokens;

	TokenController(TokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<IssuedToken> create(@AuthenticationPrincipal Account caller, @RequestBody JsonNode body) {
		NewToken request = AccountRequests.newToken(RequestParts.requireObject(body));
		if (request.scopes().contains(Scope.ADMIN) && !caller.admin()) {
			throw UserService.forbidden("Only an admin may hold the admin scope");
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
