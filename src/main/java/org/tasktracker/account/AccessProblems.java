package org.tasktracker.account;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tasktracker.web.ProblemWriter;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Spring Security's refusals as the contract words them: problem+json with the right
 * {@code WWW-Authenticate}. A 401 never says whether a user exists, nor which of unknown,
 * expired, revoked or malformed a token was.
 */
@Component
class AccessProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final Logger log = LoggerFactory.getLogger(AccessProblems.class);

	static final String REALM = "tasktracker";

	/** Request attribute: why a request without credentials is not the local user. */
	static final String LOCAL_REFUSAL = AccessProblems.class.getName() + ".localRefusal";

	/** Request attribute: the scope a token lacked. */
	static final String NEEDED_SCOPE = AccessProblems.class.getName() + ".neededScope";

	/** Request attribute: why an authenticated request was refused, in words. */
	static final String DENIAL = AccessProblems.class.getName() + ".denial";

	private final ProblemWriter problems;

	AccessProblems(ProblemWriter problems) {
		this.problems = problems;
	}

	/**
	 * Answers a failed authentication that is not a refusal of the credentials (too many
	 * attempts, password checks busy, the database away) without a challenge, for the
	 * API's entry point and the DAV paths' alike.
	 * @return whether the failure was such a one and is answered
	 */
	static boolean answerUnrefused(ProblemWriter problems, HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException {
		if (failure instanceof TooManyAttemptsException tooMany) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(tooMany.retryAfterSeconds()));
			problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, tooMany.detail());
			return true;
		}
		if (failure instanceof PasswordHashing.Busy busy) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(PasswordHashing.Busy.RETRY_AFTER_SECONDS));
			problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, busy.detail());
			return true;
		}
		if (failure.getCause() instanceof DataAccessException cause) {
			// Answered before any controller, so ProblemHandler, which logs the
			// others, never sees it.
			log.warn("Database unavailable while checking credentials: {}", cause.getClass().getSimpleName());
			problems.writeDatabaseUnavailable(request, response);
			return true;
		}
		return false;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		if (answerUnrefused(this.problems, request, response, failure)) {
			return;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		Object refusal = request.getAttribute(LOCAL_REFUSAL);
		String detail;
		if (refusal != null || authorization == null) {
			detail = ((refusal != null) ? refusal : "Credentials are required")
					+ "; send a token as Authorization: Bearer <token>";
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
		}
		else if (authorization.toLowerCase(Locale.ROOT).startsWith("basic")) {
			detail = "The username or password is not valid";
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
		}
		else {
			detail = "The token is not valid";
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
		}
		this.problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Object scope = request.getAttribute(NEEDED_SCOPE);
		if (scope != null && authentication instanceof AccountAuthentication account
				&& account.proof() == AccountAuthentication.Proof.TOKEN) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
			this.problems.write(request, response, HttpStatus.FORBIDDEN, "The token lacks the scope " + scope);
			return;
		}
		Object denial = request.getAttribute(DENIAL);
		this.problems.write(request, response, HttpStatus.FORBIDDEN,
				(denial != null) ? denial.toString() : "You may not do this");
	}

}
