package org.tasktracker.account;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import org.tasktracker.web.Confirmation;
import org.tasktracker.web.PageNotFoundException;
import org.tasktracker.web.RefusalWords;
import org.tasktracker.web.WebPage;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.annotation.CurrentSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The web UI's settings: display name, time zone and password; API tokens; and, for
 * admins, users. Every form goes through the API's own controller method, so each rule
 * and refusal is the API's, told in the form's words. A new token's secret is shown on
 * the page that answers the form, once, and never stored in the session. Revoking a token
 * and deleting a user each take a confirmation page first ({@link Confirmation}); a post
 * without {@code confirmed=true} only leads to it.
 */
@Controller
@WebPage
@Hidden
class SettingsPages {

	private static final List<String> ZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter((zone) -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
		.sorted()
		.toList();

	/**
	 * The forms' sentences for the API's where its own would read oddly on a page; the
	 * integration tests find any API message that slips through.
	 */
	private static final Map<String, String> SENTENCES = Map.ofEntries(
			Map.entry("current_password: is not the current password", "That is not the current password."),
			Map.entry("current_password: is required to change the password", "Type the current password too."),
			Map.entry("expires_in_days: must be an integer from 1 to " + AccountRequests.EXPIRY_DAYS_MAX,
					"The number of days must be a whole number from 1 to " + AccountRequests.EXPIRY_DAYS_MAX + "."),
			Map.entry("scopes: is required", "Choose at least one scope."),
			Map.entry("scopes: must be a non-empty array of tasks:read, tasks:write, admin, metrics",
					"Choose at least one scope."));

	/** The forms' names for the API's fields. */
	private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("display_name", "The display name"),
			Map.entry("timezone", "The time zone"), Map.entry("current_password", "The current password"),
			Map.entry("name", "The token's name"), Map.entry("expires_in_days", "The number of days"),
			Map.entry("scopes", "The scopes"), Map.entry("username", "The username"));

	/** The profile's and the password's forms: {@code password} is the new one. */
	private static final RefusalWords.Words PROFILE_WORDS = words(Map.of("password", "The new password"), null);

	private static final RefusalWords.Words TOKEN_WORDS = words(Map.of(),
			"That token no longer exists: it was revoked already.");

	/** The device form: its one field names the device. */
	private static final RefusalWords.Words DEVICE_WORDS = words(Map.of("name", "The device's name"), null);

	/** A device's token lasts the longest any token may. */
	private static final int DEVICE_TOKEN_DAYS = AccountRequests.EXPIRY_DAYS_MAX;

	/** The new user's form: {@code password} is theirs. */
	private static final RefusalWords.Words USER_WORDS = words(Map.of("password", "Their password"),
			"That user no longer exists.");

	private final UserController users;

	private final TokenController tokens;

	private final JsonMapper json;

	SettingsPages(UserController users, TokenController tokens, JsonMapper json) {
		this.users = users;
		this.tokens = tokens;
		this.json = json;
	}

	@GetMapping("/app/settings")
	String settings(@AuthenticationPrincipal Account caller, Model model) {
		return page(caller, model);
	}

	@PostMapping("/app/settings/profile")
	String profile(@AuthenticationPrincipal Account caller, @RequestParam(defaultValue = "") String displayName,
			@RequestParam(defaultValue = "UTC") String timezone, HttpServletRequest request,
			RedirectAttributes redirect) {
		ObjectNode patch = this.json.createObjectNode();
		if (displayName.isBlank()) {
			patch.putNull("display_name");
		}
		else {
			patch.put("display_name", displayName);
		}
		patch.put("timezone", timezone);
		return change(() -> this.users.updateMe(caller, patch, request), "Saved.", PROFILE_WORDS, redirect);
	}

	@PostMapping("/app/settings/password")
	String password(@AuthenticationPrincipal Account caller, @RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword, HttpServletRequest request,
			RedirectAttributes redirect) {
		ObjectNode patch = this.json.createObjectNode();
		patch.put("password", newPassword);
		patch.put("current_password", currentPassword);
		HttpSession session = request.getSession(false);
		try {
			int ended = this.users.updateMe(caller, patch, request, (session != null) ? session.getId() : null)
				.endedSessions();
			if (session != null) {
				// A new id for the session that now holds the new password's sign-in.
				request.changeSessionId();
			}
			redirect.addFlashAttribute("notice", switch (ended) {
				case 0 -> "Password changed.";
				case 1 -> "Password changed. Your one other session was signed out.";
				default -> "Password changed. Your " + ended + " other sessions were signed out.";
			});
		}
		catch (ErrorResponseException ex) {
			redirect.addFlashAttribute("problems", RefusalWords.of(ex, PROFILE_WORDS));
		}
		return "redirect:/app/settings";
	}

	/** Answers with the page itself, not a redirect: the secret is shown here only. */
	@PostMapping("/app/settings/tokens")
	String createToken(@AuthenticationPrincipal Account caller, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) List<String> scopes, @RequestParam(defaultValue = "90") String days,
			Model model, HttpServletResponse response) {
		ObjectNode body = this.json.createObjectNode();
		body.put("name", name);
		var scopeArray = body.putArray("scopes");
		if (scopes != null) {
			scopes.forEach(scopeArray::add);
		}
		if (days.matches("\\d{1,4}")) {
			body.put("expires_in_days", Integer.parseInt(days));
		}
		else {
			body.put("expires_in_days", days);
		}
		return issue(caller, body, "issued", TOKEN_WORDS, model, response);
	}

	/**
	 * A token for one device's CalDAV account, made in one step: read and write, for a
	 * year, named after the device. Answers with the page itself: the secret is shown
	 * here only, beside the URL and username to enter with it.
	 */
	@PostMapping("/app/settings/devices")
	String createDeviceToken(@AuthenticationPrincipal Account caller, @RequestParam(defaultValue = "") String name,
			Model model, HttpServletResponse response) {
		ObjectNode body = this.json.createObjectNode();
		body.put("name", name);
		body.putArray("scopes").add(Scope.TASKS_WRITE.value());
		body.put("expires_in_days", DEVICE_TOKEN_DAYS);
		return issue(caller, body, "device", DEVICE_WORDS, model, response);
	}

	/**
	 * Creates a token as {@code POST /tokens} does and answers with the page, showing the
	 * secret under {@code shownAs} (201), or the refusal in the form's words.
	 */
	private String issue(Account caller, ObjectNode body, String shownAs, RefusalWords.Words words, Model model,
			HttpServletResponse response) {
		try {
			model.addAttribute(shownAs, this.tokens.create(caller, body).getBody());
			response.setStatus(HttpServletResponse.SC_CREATED);
		}
		catch (ErrorResponseException ex) {
			model.addAttribute("problems", RefusalWords.of(ex, words));
			response.setStatus(ex.getStatusCode().value());
		}
		return page(caller, model);
	}

	/** The question before a token is revoked. */
	@GetMapping("/app/settings/tokens/{id}/revoke")
	String confirmRevocation(@AuthenticationPrincipal Account caller, @PathVariable long id, Model model) {
		ApiToken token = this.tokens.list(caller)
			.stream()
			.filter((candidate) -> candidate.id() == id)
			.findFirst()
			.orElseThrow(PageNotFoundException::new);
		model.addAttribute(Confirmation.ATTRIBUTE,
				new Confirmation("Revoke token " + token.name() + "?",
						List.of("Whatever uses it (" + String.join(", ", token.scopes())
								+ ") is refused from then on. This cannot be undone: a new token has a new secret."),
						"/app/settings/tokens/" + id + "/revoke", Map.of("confirmed", "true"), "Revoke token",
						"/app/settings"));
		return Confirmation.VIEW;
	}

	@PostMapping("/app/settings/tokens/{id}/revoke")
	String revoke(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "false") boolean confirmed, RedirectAttributes redirect) {
		if (!confirmed) {
			return "redirect:/app/settings/tokens/" + id + "/revoke";
		}
		return change(() -> this.tokens.revoke(caller, Long.toString(id)), "Token revoked.", TOKEN_WORDS, redirect);
	}

	@PostMapping("/app/settings/users")
	String createUser(@AuthenticationPrincipal Account caller, @CurrentSecurityContext SecurityContext security,
			@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "false") boolean admin, HttpServletRequest request,
			RedirectAttributes redirect) {
		requireAdmin(caller);
		ObjectNode body = this.json.createObjectNode();
		body.put("username", username);
		body.put("password", password);
		body.put("admin", admin);
		return change(() -> this.users.create(security, body, request),
				"User " + username.toLowerCase(java.util.Locale.ROOT) + " added.", USER_WORDS, redirect);
	}

	/** The question before a user is deleted, with all they own. */
	@GetMapping("/app/settings/users/{id}/delete")
	String confirmUserDeletion(@AuthenticationPrincipal Account caller, @PathVariable long id, Model model) {
		requireAdmin(caller);
		User user = this.users.list()
			.stream()
			.filter((candidate) -> candidate.id() == id)
			.findFirst()
			.orElseThrow(PageNotFoundException::new);
		String named = (user.displayName() != null) ? user.username() + " (" + user.displayName() + ")"
				: user.username();
		model.addAttribute(Confirmation.ATTRIBUTE,
				new Confirmation("Delete user " + named + " and all they own?",
						List.of("Their tasks, projects and labels, their API tokens and their sessions go with them. "
								+ "This cannot be undone."),
						"/app/settings/users/" + id + "/delete", Map.of("confirmed", "true"),
						"Delete user " + user.username(), "/app/settings"));
		return Confirmation.VIEW;
	}

	@PostMapping("/app/settings/users/{id}/delete")
	String deleteUser(@AuthenticationPrincipal Account caller, @PathVariable long id,
			@RequestParam(defaultValue = "false") boolean confirmed, RedirectAttributes redirect) {
		requireAdmin(caller);
		if (!confirmed) {
			return "redirect:/app/settings/users/" + id + "/delete";
		}
		return change(() -> this.users.delete(caller, Long.toString(id)), "User deleted, with all they owned.",
				USER_WORDS, redirect);
	}

	private String page(Account caller, Model model) {
		model.addAttribute("caller", caller);
		model.addAttribute("me", this.users.me(caller));
		model.addAttribute("tokens", this.tokens.list(caller));
		// Where this page was reached is where a device reaches the service (the
		// forwarded host and scheme behind a proxy that sends them and is trusted).
		String server = ServletUriComponentsBuilder.fromCurrentContextPath().path("/").toUriString();
		model.addAttribute("serverUrl", server);
		model.addAttribute("davUrl", server + "dav/");
		model.addAttribute("zones", ZONES);
		model.addAttribute("users", caller.admin() ? this.users.list() : List.of());
		return "settings";
	}

	private String change(Runnable action, String notice, RefusalWords.Words words, RedirectAttributes redirect) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", notice);
		}
		catch (ErrorResponseException ex) {
			redirect.addFlashAttribute("problems", RefusalWords.of(ex, words));
		}
		return "redirect:/app/settings";
	}

	private static RefusalWords.Words words(Map<String, String> fields,
			@org.jspecify.annotations.Nullable String missing) {
		Map<String, String> all = new java.util.HashMap<>(FIELDS);
		all.putAll(fields);
		return new RefusalWords.Words(Map.copyOf(all), SENTENCES, missing);
	}

	/** The API lets only admins manage users; the page says so the same way. */
	private static void requireAdmin(Account caller) {
		if (!caller.admin()) {
			throw UserService.forbidden("Only an admin may manage users");
		}
	}

}
