package org.tasktracker.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Holds every response a test receives to the OpenAPI document that the same service
 * serves at {@code /openapi.json}: a status the operation does not document, a missing
 * required field, a null where none is allowed or a wrong content type fails the test
 * that received it. Responses for paths or methods the document does not have (unknown
 * paths, 405s, the documentation itself, metrics) are outside the API and not checked.
 * Requests are not checked: many tests send invalid ones on purpose.
 */
public final class OpenApiContract implements ClientHttpRequestInterceptor {

	/** Report keys for exchanges outside the documented API. */
	private static final Set<String> OUTSIDE_THE_API = Set.of("validation.request.path.missing",
			"validation.request.operation.notAllowed");

	/** One validator per service, keyed by its origin, built from its own document. */
	private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		ClientHttpResponse response = execution.execute(request, body);
		byte[] content = response.getBody().readAllBytes();
		check(validatorFor(request.getURI()), request, response.getStatusCode(), response.getHeaders(), content);
		return new BufferedResponse(response, content);
	}

	/**
	 * @throws AssertionError naming every way the response breaks the document
	 */
	static void check(OpenApiInteractionValidator validator, HttpRequest request, HttpStatusCode status,
			HttpHeaders headers, byte[] content) {
		SimpleResponse.Builder response = SimpleResponse.Builder.status(status.value()).withBody(content);
		headers.forEach((name, values) -> response.withHeader(name, values));
		if (headers.getContentType() != null) {
			response.withContentType(headers.getContentType().toString());
		}
		URI uri = request.getURI();
		Request.Method method;
		try {
			method = Request.Method.valueOf(request.getMethod().name());
		}
		catch (IllegalArgumentException ex) {
			// WebDAV's methods (PROPFIND, REPORT, ...): no OpenAPI document has them.
			return;
		}
		ValidationReport report = validator.validateResponse(uri.getRawPath(), method, response.build());
		String violations = report.getMessages()
			.stream()
			.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
			.filter((message) -> !OUTSIDE_THE_API.contains(message.getKey()))
			.map((message) -> message.getKey() + ": " + message.getMessage())
			.collect(Collectors.joining("\n  "));
		if (!violations.isEmpty()) {
			throw new AssertionError("The response to " + request.getMethod() + " " + uri + " (" + status.value()
					+ ") breaks the OpenAPI document:\n  " + violations + "\nbody: "
					+ abbreviated(new String(content, StandardCharsets.UTF_8)));
		}
	}

	private static OpenApiInteractionValidator validatorFor(URI uri) {
		String origin = uri.getScheme() + "://" + uri.getRawAuthority();
		return VALIDATORS.computeIfAbsent(origin,
				(key) -> OpenApiInteractionValidator.createForInlineApiSpecification(document(key)).build());
	}

	private static String document(String origin) {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http
				.send(java.net.http.HttpRequest.newBuilder(URI.create(origin + "/openapi.json")).build(),
						BodyHandlers.ofString(StandardCharsets.UTF_8))
				.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read " + origin + "/openapi.json", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String abbreviated(String text) {
		return (text.length() > 500) ? text.substring(0, 500) + "..." : text;
	}

	/** The response with its body read once, handed on to whoever reads it next. */
	private static final class BufferedResponse implements ClientHttpResponse {

		private final ClientHttpResponse response;

		private final byte[] content;

		BufferedResponse(ClientHttpResponse response, byte[] content) {
			this.response = response;
			this.content = content;
		}

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return this.response.getStatusCode();
		}

		@Override
		public String getStatusText() throws IOException {
			return this.response.getStatusText();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.response.getHeaders();
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.content);
		}

		@Override
		public void close() {
			this.response.close();
		}

	}

}
