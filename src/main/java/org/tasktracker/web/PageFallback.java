package org.tasktracker.web;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * An address under {@code /app} that no page has: the same "not found" page as a missing
 * task (in the app's layout, {@link PageProblems}), not the API's problem+json. Every
 * page's own mapping is more specific, so only what none of them takes ends here.
 */
@Controller
@WebPage
@Hidden
class PageFallback {

	@GetMapping("/app/**")
	String missing() {
		throw new PageNotFoundException();
	}

}
