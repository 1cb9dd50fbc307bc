package org.tasktracker.task;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.util.UriUtils;

/**
 * Labels in paths (contract v3): a label is named by one percent-encoded path segment, in
 * {@code /labels/{name}} and in the web UI's {@code /app/labels/{key}}, and that segment
 * may hold every character a label may, {@code / \ % ;} included.
 * <p>
 * Spring Security's {@link StrictHttpFirewall} refuses those four, encoded, in any path,
 * because containers and frameworks have read them differently and so let requests past
 * rules written for other paths. The firewall here lets them through for the label routes
 * only, and only when the raw path has exactly a label route's shape: the name is one
 * segment, with no raw {@code /}, and no raw {@code ;}, which would start path parameters
 * that Tomcat strips and Spring MVC reads as matrix variables (a client sends
 * {@code %3B}). Tomcat passes {@code %2F}, {@code %5C} and {@code %25} through undecoded
 * ({@code web.TomcatConfiguration}), and Spring Security's request matchers and Spring
 * MVC both split the raw path into segments before they decode each one, so
 * {@code /labels/x%2F..%2Fusers} is the label {@code x/../users}: it reaches no other
 * route and no access rule of another path. Every other path, and every other rule (an
 * encoded dot, a dot segment, an encoded line break or U+0000), stays as strict as Spring
 * Security's default.
 */
@Configuration(proxyBeanMethods = false)
class LabelPaths {

	/** Raw paths whose one variable segment is a label, percent-encoded. */
	private static final Pattern LABEL_ROUTES = Pattern
		.compile("/labels/[^/;\\\\]+|/app/labels/[^/;\\\\]+(?:/rename|/delete)?");

	/** Spring Security takes the one {@link HttpFirewall} bean for its filter chains. */
	@Bean
	HttpFirewall labelPathFirewall() {
		return new LabelPathFirewall();
	}

	/**
	 * A label as one path segment: every character but the unreserved ones
	 * ({@code A-Z a-z 0-9 - . _ ~}) percent-encoded in UTF-8. Stricter than a segment
	 * needs ({@code ; = + &} could stay), so that no container reads a part of it as
	 * anything but the name.
	 */
	static String segment(String label) {
		return UriUtils.encode(label, StandardCharsets.UTF_8);
	}

	/**
	 * Spring Security's default methods and WebDAV's and CalDAV's (RFC 4918, 3253, 4791,
	 * 5689), which the CalDAV paths take or refuse themselves; this is the one firewall
	 * of every chain, so they are allowed here.
	 */
	private static final java.util.List<String> METHODS = java.util.List.of("GET", "HEAD", "POST", "PUT", "PATCH",
			"DELETE", "OPTIONS", "PROPFIND", "PROPPATCH", "REPORT", "MKCALENDAR", "MKCOL", "COPY", "MOVE", "LOCK",
			"UNLOCK", "ACL");

	/**
	 * Spring Security's default rule for header and parameter names,
	 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, without the regular expression: the
	 * firewall checks every header a request reads, and the expression's matching was the
	 * larger part of it in the profile of a request (docs/performance.md).
	 */
	static boolean assignedAndNotControl(String text) {
		return assignedAndNotControl(text, false);
	}

	/**
	 * Spring Security's default rule for header values,
	 * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}: a tab is the one control
	 * character allowed.
	 */
	static boolean assignedAndNotControlButTab(String text) {
		return assignedAndNotControl(text, true);
	}

	private static boolean assignedAndNotControl(String text, boolean tabAllowed) {
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

	private static final class LabelPathFirewall implements HttpFirewall {

		private final StrictHttpFirewall strict = new StrictHttpFirewall();

		private final StrictHttpFirewall labelRoutes = new StrictHttpFirewall();

		LabelPathFirewall() {
			for (StrictHttpFirewall firewall : java.util.List.of(this.strict, this.labelRoutes)) {
				firewall.setAllowedHttpMethods(METHODS);
				firewall.setAllowedHeaderNames(LabelPaths::assignedAndNotControl);
				firewall.setAllowedParameterNames(LabelPaths::assignedAndNotControl);
				firewall.setAllowedHeaderValues(LabelPaths::assignedAndNotControlButTab);
			}
			this.labelRoutes.setAllowUrlEncodedSlash(true);
			this.labelRoutes.setAllowUrlEncodedDoubleSlash(true);
			this.labelRoutes.setAllowBackSlash(true);
			this.labelRoutes.setAllowUrlEncodedPercent(true);
			this.labelRoutes.setAllowSemicolon(true);
			// A label may hold U+2028 and U+2029 (they are no control characters), and
			// here they are only ever text.
			this.labelRoutes.setAllowUrlEncodedLineSeparator(true);
			this.labelRoutes.setAllowUrlEncodedParagraphSeparator(true);
		}

		@Override
		public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
			return (isLabelRoute(request) ? this.labelRoutes : this.strict).getFirewalledRequest(request);
		}

		@Override
		public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
			return this.strict.getFirewalledResponse(response);
		}

		private static boolean isLabelRoute(HttpServletRequest request) {
			String uri = request.getRequestURI();
			String context = request.getContextPath();
			return uri.startsWith(context) && LABEL_ROUTES.matcher(uri.substring(context.length())).matches();
		}

	}

}
