package org.tasktracker.account;

import java.time.ZoneId;
import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The web UI's settings: display name, time zone and password; API tokens; and, for
 * admins, users. Every form goes through the API's own controller method, so each rule
 * and refusal is the API's. A new token's secret is shown on the page that answers the
 * form, once, and never stored in the session.
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
		return change(() -> this.users.updateMe(caller, patch, request), "Saved.", redirect);
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
			redirect.addFlashAttribute("problems", RefusalWords.of(ex));
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
		try {
			IssuedToken issued = this.tokens.create(caller, body).getBody();
			model.addAttribute("issued", issued);
			response.setStatus(HttpServletResponse.SC_CREATED);
		}
		catch (ErrorResponseException ex) {
			model.addAttribute("problems", RefusalWords.of(ex));
			response.setStatus(ex.getStatusCode().value());
		}
		return page(caller, model);
	}

	@PostMapping("/app/settings/tokens/{id}/revoke")
	String revoke(@AuthenticationPrincipal Account caller, @PathVariable long id, RedirectAttributes redirect) {
		return change(() -> this.tokens.revoke(caller, Long.toString(id)), "Token revoked.", redirect);
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
				"User " + username.toLowerCase(java.util.Locale.ROOT) + " added.", redirect);
	}

	@PostMapping("/app/settings/users/{id}/delete")
	String deleteUser(@AuthenticationPrincipal Account caller, @PathVariable long id, RedirectAttributes redirect) {
		requireAdmin(caller);
		return change(() -> this.users.delete(caller, Long.toString(id)), "User deleted, with all they owned.",
				redirect);
	}

	private String page(Account caller, Model model) {
		model.addAttribute("caller", caller);
		model.addAttribute("me", this.users.me(caller));
		model.addAttribute("tokens", this.tokens.list(caller));
		model.addAttribute("zones", ZONES);
		model.addAttribute("users", caller.admin() ? this.users.list() : List.of());
		return "settings";
	}

	private String change(Runnable action, String notice, RedirectAttributes redirect) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", notice);
		}
		catch (ErrorResponseException ex) {
			redirect.addFlashAttribute("problems", RefusalWords.of(ex));
		}
		return "redirect:/app/settings";
	}

	/** The API lets only admins manage users; the page says so the same way. */
	private static void requireAdmin(Account caller) {
		if (!caller.admin()) {
			throw UserService.forbidden("Only an admin may manage users");
		}
	}

}
