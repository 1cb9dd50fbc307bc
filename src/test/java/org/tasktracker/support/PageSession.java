package org.tasktracker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One browser's session of the web UI, as plain HTTP: the session cookie it holds, the
 * CSRF token of the last page it read, and redirects left for the test to see. A copy
 * ({@link #copy()}) is another tab, or an attacker who stole the cookie.
 */
public final class PageSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient http;

	private final String base;

	private @Nullable String cookie;

	private @Nullable String csrf;

	private PageSession(HttpClient http, String base) {
		this.http = http;
		this.base = base;
	}

	/** A browser on this machine that has not signed in. */
	public static PageSession anonymous(int port) {
		return new PageSession(HttpClient.newHttpClient(), "http://localhost:" + port);
	}

	/** A browser on another loopback address, which the service counts apart. */
	public static PageSession anonymous(int port, String localAddress) {
		try {
			return new PageSession(HttpClient.newBuilder().localAddress(InetAddress.getByName(localAddress)).build(),
					"http://localhost:" + port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Signs in through the form.
	 * @return where the sign-in leads ({@code Location})
	 */
	public String signIn(String username, String password) {
		get("/login");
		HttpResponse<String> posted = post("/login", Map.of("username", username, "password", password));
		return posted.headers().firstValue("Location").orElse("(status " + posted.statusCode() + ")");
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET());
	}

	/** A GET with headers, as htmx sends them: names and values in turn. */
	public HttpResponse<String> get(String path, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).headers(headers).GET());
	}

	/** Posts a form with the CSRF token of the last page read. */
	public HttpResponse<String> post(String path, Map<String, String> fields) {
		return post(path, fields, new String[0]);
	}

	/**
	 * Posts a form with the CSRF token of the last page read, and headers: names and
	 * values in turn.
	 */
	public HttpResponse<String> post(String path, Map<String, String> fields, String... headers) {
		Map<String, String> form = new LinkedHashMap<>(fields);
		if (this.csrf != null) {
			form.put("_csrf", this.csrf);
		}
		String body = form.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		return send((headers.length > 0) ? request.headers(headers) : request);
	}

	/** Posts a form with the given CSRF token, as a page that carried it would. */
	public HttpResponse<String> postWithToken(String path, String csrfToken, Map<String, String> fields) {
		this.csrf = csrfToken;
		return post(path, fields);
	}

	/** Another client with this one's cookie and token, from now on apart. */
	public PageSession copy() {
		PageSession copy = new PageSession(this.http, this.base);
		copy.cookie = this.cookie;
		copy.csrf = this.csrf;
		return copy;
	}

	/** This browser's cookie and token sent to another instance, from now on apart. */
	public PageSession on(int port) {
		PageSession moved = new PageSession(this.http, "http://localhost:" + port);
		moved.cookie = this.cookie;
		moved.csrf = this.csrf;
		return moved;
	}

	public @Nullable String cookie() {
		return this.cookie;
	}

	public @Nullable String csrf() {
		return this.csrf;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		if (this.cookie != null) {
			request.header("Cookie", this.cookie);
		}
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		response.headers()
			.allValues("Set-Cookie")
			.stream()
			.map((header) -> header.split(";")[0])
			.filter((pair) -> pair.startsWith("TASKTRACKER_SESSION="))
			.findFirst()
			.ifPresent((pair) -> this.cookie = pair.endsWith("=") ? null : pair);
		Matcher token = CSRF.matcher(response.body());
		if (token.find()) {
			this.csrf = token.group(1);
		}
		return response;
	}

}
