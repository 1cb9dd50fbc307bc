package org.tasktracker.support;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users of their own for HTTP tests, made through the API as the local user (the test
 * client is on loopback), and requests sent as one of them.
 */
public final class ApiUsers {

	private static final String PASSWORD = "correct horse battery";

	private ApiUsers() {
	}

	/**
	 * Creates a user in {@code zone} and a token of scope tasks:write for it.
	 * @return the {@code Authorization} header value that acts as the user
	 */
	public static String newUserBearer(RestTestClient client, String prefix, String zone) {
		String name = prefix + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000_000;
		ExchangeResult user = send(client, "POST", "/users",
				"{\"username\": \"" + name + "\", \"password\": \"" + PASSWORD + "\", \"timezone\": \"" + zone + "\"}",
				null);
		assertThat(Responses.status(user)).as(user.toString()).isEqualTo(201);
		ExchangeResult token = client.post()
			.uri("/tokens")
			.headers((headers) -> headers.setBasicAuth(name, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"t\", \"scopes\": [\"tasks:write\"]}")
			.exchange()
			.returnResult();
		return "Bearer " + Responses.json(token).get("token").stringValue();
	}

	/**
	 * A request with an optional JSON body and {@code Authorization}, sent as written.
	 */
	public static ExchangeResult send(RestTestClient client, String method, String path, @Nullable String body,
			@Nullable String authorization) {
		return send(client, method, path, body, authorization, null, null);
	}

	/**
	 * As {@link #send(RestTestClient, String, String, String, String)}, with one more
	 * header ({@code If-Match}, say) when {@code header} is not null.
	 */
	public static ExchangeResult send(RestTestClient client, String method, String path, @Nullable String body,
			@Nullable String authorization, @Nullable String header, @Nullable String value) {
		RestTestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method)).uri(URI.create(path));
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		if (header != null) {
			request.header(header, value);
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange().returnResult();
	}

}
