package org.tasktracker.account;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Enumeration;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The contract's rules for a request without credentials (v2, part A): when it may act as
 * the local user. Each check answers why not, or null; nothing here resolves a name.
 */
final class LocalAccess {

	private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

	/**
	 * What an IP literal may hold: nothing here may make {@link InetAddress} look a name
	 * up.
	 */
	private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.%]+");

	private static final String[] FORWARDING_HEADERS = { "Forwarded", "X-Forwarded-For", "X-Real-IP" };

	private LocalAccess() {
	}

	/**
	 * Why a credential-less request may not act as the local user in {@code mode}, or
	 * null when it may.
	 */
	static @Nullable String refusal(AuthMode mode, HttpServletRequest request) {
		return switch (mode) {
			case REQUIRED -> "Credentials are required";
			case OFF -> crossSite(request);
			case LOCAL ->
				firstOf(fromLoopback(request), unforwarded(request), loopbackHost(request), crossSite(request));
		};
	}

	/**
	 * Why a request was sent by a web page of another site, or null: its {@code Origin}
	 * is not its own, or its {@code Sec-Fetch-Site} says so. Browsers add both on their
	 * own, and pages cannot forge them.
	 */
	static @Nullable String crossSite(HttpServletRequest request) {
		// Every value of a header sent twice: the first alone would let a second pass.
		Enumeration<String> origins = request.getHeaders("Origin");
		while (origins.hasMoreElements()) {
			if (!isSameOrigin(origins.nextElement(), request)) {
				return "Requests from other web sites need credentials";
			}
		}
		Enumeration<String> sites = request.getHeaders("Sec-Fetch-Site");
		while (sites.hasMoreElements()) {
			String site = sites.nextElement();
			if (!"same-origin".equalsIgnoreCase(site) && !"none".equalsIgnoreCase(site)) {
				return "Requests from other web sites need credentials";
			}
		}
		return null;
	}

	private static @Nullable String fromLoopback(HttpServletRequest request) {
		return isLoopbackAddress(request.getRemoteAddr()) ? null : "Requests from other machines need credentials";
	}

	private static @Nullable String unforwarded(HttpServletRequest request) {
		for (String header : FORWARDING_HEADERS) {
			if (request.getHeader(header) != null) {
				return "Requests through a proxy need credentials";
			}
		}
		return null;
	}

	private static @Nullable String loopbackHost(HttpServletRequest request) {
		String host = request.getHeader("Host");
		return (host != null && isLoopbackHost(host)) ? null
				: "Requests without credentials must name localhost or a loopback address as Host";
	}

	/** An IP literal in 127.0.0.0/8 or ::1 (also as an IPv4-mapped IPv6 address). */
	static boolean isLoopbackAddress(@Nullable String address) {
		if ("127.0.0.1".equals(address) || "0:0:0:0:0:0:0:1".equals(address)) {
			return true;
		}
		if (address == null || address.isEmpty() || !IP_LITERAL.matcher(address).matches()) {
			return false;
		}
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * {@code localhost}, {@code 127.x.x.x} or {@code [::1]}, with any port: a name that
	 * DNS could point elsewhere (a rebinding attack) is none of these.
	 */
	static boolean isLoopbackHost(String hostHeader) {
		String host = hostHeader.toLowerCase(Locale.ROOT);
		if (host.startsWith("[")) {
			int end = host.indexOf(']');
			return end > 0 && portOrNothing(host.substring(end + 1)) && isIpv6Loopback(host.substring(1, end));
		}
		int colon = host.indexOf(':');
		String name = (colon < 0) ? host : host.substring(0, colon);
		if (colon >= 0 && !portOrNothing(host.substring(colon))) {
			return false;
		}
		return "localhost".equals(name) || (IPV4_LOOPBACK.matcher(name).matches() && isLoopbackAddress(name));
	}

	private static boolean isIpv6Loopback(String literal) {
		return literal.contains(":") && isLoopbackAddress(literal);
	}

	private static boolean portOrNothing(String rest) {
		if (rest.isEmpty()) {
			return true;
		}
		if (rest.length() < 2 || rest.length() > 6 || rest.charAt(0) != ':') {
			return false;
		}
		for (int i = 1; i < rest.length(); i++) {
			if (rest.charAt(i) < '0' || rest.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether {@code origin} (scheme, host, port) is the request's own: the same scheme,
	 * and the same host and port as its {@code Host} header.
	 */
	private static boolean isSameOrigin(String origin, HttpServletRequest request) {
		String host = request.getHeader("Host");
		if (host == null) {
			return false;
		}
		try {
			URI uri = new URI(origin);
			if (uri.getScheme() == null || uri.getHost() == null
					|| uri.getRawPath() != null && !uri.getRawPath().isEmpty()
					|| !uri.getScheme().equalsIgnoreCase(request.getScheme())) {
				return false;
			}
			int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
			String originAuthority = uri.getHost().toLowerCase(Locale.ROOT) + ":"
					+ ((uri.getPort() != -1) ? uri.getPort() : defaultPort);
			URI own = new URI(uri.getScheme() + "://" + host);
			if (own.getHost() == null) {
				return false;
			}
			String ownAuthority = own.getHost().toLowerCase(Locale.ROOT) + ":"
					+ ((own.getPort() != -1) ? own.getPort() : defaultPort);
			return originAuthority.equals(ownAuthority);
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	@SafeVarargs
	private static <T> @Nullable T firstOf(@Nullable T... reasons) {
		for (T reason : reasons) {
			if (reason != null) {
				return reason;
			}
		}
		return null;
	}

}
