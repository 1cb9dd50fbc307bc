package org.tasktracker.task;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.tasktracker.support.ApiUsers;
import org.tasktracker.support.Responses;
import tools.jackson.databind.JsonNode;

import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One user of their own for the part C tests, and the requests those tests send as them.
 */
final class TreeAndOrderApi {

	private final RestTestClient client;

	final String bearer;

	TreeAndOrderApi(RestTestClient client, String zone) {
		this.client = client;
		this.bearer = ApiUsers.newUserBearer(client, "partc", zone);
	}

	ExchangeResult send(String method, String path, @Nullable String body) {
		return ApiUsers.send(this.client, method, path, body, this.bearer);
	}

	/** A request with one more header ({@code If-Match}, say), sent as written. */
	ExchangeResult send(String method, String path, @Nullable String body, @Nullable String header,
			@Nullable String value) {
		return ApiUsers.send(this.client, method, path, body, this.bearer, header, value);
	}

	/** Sends and expects {@code status}, answering the JSON body. */
	JsonNode expect(int status, String method, String path, @Nullable String body) {
		ExchangeResult response = send(method, path, body);
		assertThat(Responses.status(response)).as(response.toString()).isEqualTo(status);
		return Responses.json(response);
	}

	JsonNode create(String body) {
		return expect(201, "POST", "/tasks", body);
	}

	long createId(String body) {
		return create(body).get("id").longValue();
	}

	long project(String name) {
		return expect(201, "POST", "/projects", "{\"name\": \"" + name + "\"}").get("id").longValue();
	}

	JsonNode task(long id) {
		return expect(200, "GET", "/tasks/" + id, null);
	}

	/** The ids of a listing's page, in order. */
	List<Long> ids(String query) {
		List<Long> ids = new ArrayList<>();
		for (JsonNode task : expect(200, "GET", "/tasks?" + query, null)) {
			ids.add(task.get("id").longValue());
		}
		return ids;
	}

}
