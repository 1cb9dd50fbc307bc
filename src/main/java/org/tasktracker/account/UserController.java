package org.tasktracker.account;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.tasktracker.web.RequestParts;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.CurrentSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP edge of users: {@code /users}, {@code /users/me} and {@code /users/{id}}. */
@RestController
@RequestMapping("/users")
class UserController implements UserApi {

	private final UserService users;

	UserController(UserService users) {
		this.users = users;
	}

	@Override
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<User> create(@CurrentSecurityContext SecurityContext caller, @RequestBody JsonNode body,
			HttpServletRequest request) {
		NewUser newUser = AccountRequests.newUser(RequestParts.requireObject(body));
		boolean admin = caller.getAuthentication() instanceof AccountAuthentication account
				&& account.getPrincipal().admin();
		boolean asAdmin = admin && ((AccountAuthentication) caller.getAuthentication()).may(Scope.ADMIN);
		if (newUser.admin() && admin && !asAdmin) {
			// An admin's token without the admin scope: the contract's "token lacks the
			// scope", not "not an admin".
			ErrorResponseException refusal = RequestParts.refusal(HttpStatus.FORBIDDEN,
					"The token lacks the scope " + Scope.ADMIN.value());
			refusal.getHeaders()
				.set(HttpHeaders.WWW_AUTHENTICATE,
						"Bearer error=\"insufficient_scope\", scope=\"" + Scope.ADMIN.value() + "\"");
			throw refusal;
		}
		User user = this.users.create(asAdmin, newUser, request.getRemoteAddr());
		return ResponseEntity.created(URI.create("/users/" + user.id())).body(user);
	}

	@Override
	@GetMapping
	public List<User> list() {
		return this.users.list();
	}

	@Override
	@GetMapping("/me")
	public User me(@AuthenticationPrincipal Account caller) {
		return this.users.me(caller);
	}

	@Override
	@PatchMapping(path = "/me", consumes = { "application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE })
	public User updateMe(@AuthenticationPrincipal Account caller, @RequestBody JsonNode body,
			HttpServletRequest request) {
		return updateMe(caller, body, request, null).user();
	}

	/**
	 * The same change, from a web session that a new password leaves signed in.
	 * @param keepSession the session's id, or null
	 */
	UserService.Update updateMe(Account caller, JsonNode body, HttpServletRequest request,
			@Nullable String keepSession) {
		return this.users.update(caller, AccountRequests.userPatch(RequestParts.requireObject(body)),
				request.getRemoteAddr(), keepSession);
	}

	@Override
	@DeleteMapping("/{id}")
	public ResponseEntity<Void> delete(@AuthenticationPrincipal Account caller, @PathVariable String id) {
		long userId = RequestParts.positiveId(id);
		if (!this.users.delete(caller, userId)) {
			throw RequestParts.refusal(HttpStatus.NOT_FOUND, "User " + userId + " does not exist");
		}
		return ResponseEntity.noContent().build();
	}

}
