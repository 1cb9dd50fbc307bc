package org.tasktracker.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * What tests read from a {@link RestTestClient} exchange, and a client for a service that
 * runs outside the test's own Spring context.
 */
public final class Responses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Responses() {
	}

	/**
	 * A client for the service on this port of the loopback interface, holding every
	 * response to the service's OpenAPI document.
	 */
	public static RestTestClient clientFor(int port) {
		return RestTestClient.bindToServer()
			.baseUrl("http://localhost:" + port)
			.requestInterceptor(new OpenApiContract())
			.build();
	}

	/**
	 * A request target sent as written, without the encoding that URI templates get, for
	 * query strings that must reach the service exactly so ({@code q=%00}, say).
	 */
	public static URI raw(String pathAndQuery) {
		return URI.create(pathAndQuery);
	}

	public static JsonNode json(ExchangeResult response) {
		return JSON.readTree(response.getResponseBodyContent());
	}

	public static String body(ExchangeResult response) {
		byte[] content = response.getResponseBodyContent();
		return (content != null) ? new String(content, StandardCharsets.UTF_8) : "";
	}

	/** The response's status code as a number. */
	public static int status(ExchangeResult response) {
		return response.getStatus().value();
	}

	/** A task's id from a response that carries one task. */
	public static long id(ExchangeResult response) {
		return json(response).get("id").longValue();
	}

}
