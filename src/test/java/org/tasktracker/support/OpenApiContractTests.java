package org.tasktracker.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.mock.http.client.MockClientHttpRequest;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the response check catches, against a small document of one operation.
 */
class OpenApiContractTests {

	private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
		.createForInlineApiSpecification("""
				{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {"/things/{id}": {"get": {
				  "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
				  "responses": {"200": {"description": "a thing", "content": {"application/json": {"schema": {
				    "type": "object", "required": ["id", "note"], "properties": {
				      "id": {"type": "integer"}, "note": {"type": "string", "nullable": true}}}}}}}}}}}
				""")
		.build();

	@Test
	void passesAResponseTheDocumentDescribes() {
		assertThatCode(() -> check("/things/1", 200, """
				{"id": 1, "note": null}
				""")).doesNotThrowAnyException();
	}

	@Test
	void failsAStatusTheOperationDoesNotDocument() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> check("/things/1", 418, "{}"))
			.withMessageContaining("validation.response.status.unknown");
	}

	@Test
	void failsABodyWithoutARequiredField() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> check("/things/1", 200, """
				{"id": 1}
				""")).withMessageContaining("note");
	}

	@Test
	void leavesPathsOutsideTheDocumentAlone() {
		assertThatCode(() -> check("/metrics", 200, "text")).doesNotThrowAnyException();
	}

	private static void check(String path, int status, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		OpenApiContract.check(VALIDATOR,
				new MockClientHttpRequest(HttpMethod.GET, URI.create("http://localhost" + path)),
				HttpStatusCode.valueOf(status), headers, body.getBytes(StandardCharsets.UTF_8));
	}

}
