package org.tasktracker.account;

import io.swagger.v3.oas.annotations.Hidden;
import org.tasktracker.web.WebPage;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The web UI's sign-in form; Spring Security's form login takes its post
 * ({@link PageSecurityConfiguration}). Someone already signed in, or the local user, goes
 * on to the tasks.
 */
@Controller
@WebPage
@Hidden
class LoginPage {

	@GetMapping("/login")
	String login(@AuthenticationPrincipal Account caller) {
		return (caller != null) ? "redirect:/app" : "login";
	}

}
