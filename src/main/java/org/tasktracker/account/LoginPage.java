package org.tasktracker.account;

import io.swagger.v3.oas.annotations.Hidden;
import org.jspecify.annotations.Nullable;
import org.tasktracker.web.WebPage;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The web UI's sign-in form; Spring Security's form login takes its post
 * ({@link PageSecurityConfiguration}). Someone already signed in goes on to the tasks;
 * the local user gets the form, to sign in as another account on this machine (the
 * session's account wins over the credential-less one until signing out). The address
 * says what happened last ({@code ?error}, {@code ?wait=N}, {@code ?busy},
 * {@code ?ended=deleted|changed}, {@code ?out}); the page says it in words, one outcome
 * at a time.
 */
@Controller
@WebPage
@Hidden
class LoginPage {

	/** The longest wait a failed-sign-in window can ask for, in seconds. */
	private static final int WAIT_MAX = 3600;

	@GetMapping("/login")
	String login(@AuthenticationPrincipal Account caller, @RequestParam(required = false) @Nullable String wait,
			Model model) {
		if (caller != null && !caller.isLocal()) {
			return "redirect:/app";
		}
		model.addAttribute("asLocal", caller != null);
		if (wait != null) {
			model.addAttribute("waitSeconds", seconds(wait));
		}
		return "login";
	}

	/**
	 * The wait as a whole number of seconds, 1 at least; null if the address holds none.
	 */
	private static @Nullable Integer seconds(String wait) {
		if (!wait.matches("\\d{1,4}")) {
			return null;
		}
		return Math.clamp(Integer.parseInt(wait), 1, WAIT_MAX);
	}

}
