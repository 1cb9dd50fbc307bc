package org.tasktracker.web;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document's front matter, and the responses every operation shares: the
 * problem responses (RFC 9457) its inputs can cause, the 500 and 503 any operation can
 * answer, and the {@code X-Request-Id} header of every response. Each feature documents
 * only its own successes and headers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private static final String PROBLEM = "#/components/schemas/Problem";

	private static final String VERSIONED_TASK = "#/components/schemas/Task";

	private static final String VERSIONED_PROJECT = "#/components/schemas/Project";

	@Bean
	OpenAPI taskTrackerOpenApi() {
		return new OpenAPI().info(new Info().title("TaskTracker")
			.version("v1")
			.description("A task-tracking HTTP service on PostgreSQL. Errors are application/problem+json "
					+ "(RFC 9457) with an errors array naming each offending field or parameter.")
			.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")));
	}

	/**
	 * The problem schemas, and one server: this one, relative, since the document
	 * describes the service that serves it wherever it runs (springdoc would name the
	 * host of whichever request first asked for the document).
	 */
	@Bean
	OpenApiCustomizer documentWide() {
		return (openApi) -> {
			openApi.setServers(List.of(new Server().url("/").description("This service")));
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents().addSchemas("FieldError", fieldError()).addSchemas("Problem", problem());
		};
	}

	@Bean
	OperationCustomizer sharedResponses() {
		return OpenApiConfiguration::addSharedResponses;
	}

	static Operation addSharedResponses(Operation operation, HandlerMethod handler) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		boolean takesBody = hasParameter(handler, RequestBody.class);
		boolean takesPathVariable = hasParameter(handler, PathVariable.class);
		boolean takesQuery = operation.getParameters() != null
				&& operation.getParameters().stream().anyMatch((parameter) -> "query".equals(parameter.getIn()));
		// Tomcat refuses a malformed request line or query string before any operation
		// runs.
		addProblem(responses, "400",
				takesBody ? "The body is not a JSON object, or the request line or query string is malformed"
						: "The request line or query string is malformed");
		if (takesPathVariable) {
			addProblem(responses, "404", "No such resource");
		}
		if (takesBody) {
			addProblem(responses, "413", "The body is larger than the limit");
			headers(addProblem(responses, "415", "The body is not JSON")).put("Accept",
					header("The media types this operation takes"));
		}
		if (takesBody || takesPathVariable || takesQuery) {
			addProblem(responses, "422", "A well-formed request that breaks a rule; errors names each field");
		}
		addProblem(responses, "500", "A defect; the body's request_id names it in the log");
		// An operation may describe its own 503 (a health check's); the problem one says
		// when to retry.
		if (!handler.hasMethodAnnotation(WithoutDatabase.class) && !responses.containsKey("503")) {
			headers(addProblem(responses, "503",
					"The database cannot be reached, a statement ran past its time limit, or too many password "
							+ "checks wait at once"))
				.put("Retry-After", new Header().description("Seconds to wait before trying again")
					.schema(new IntegerSchema().minimum(BigDecimal.ONE)));
		}
		if (hasHeaderParameter(handler, HttpHeaders.IF_MATCH)) {
			headers(addProblem(responses, "412",
					"If-Match does not hold the current ETag; nothing changed. The ETag header holds the current one"))
				.put(HttpHeaders.ETAG, header("The object's current ETag"));
		}
		// Every success that carries one task or project carries its ETag.
		responses.forEach((status, response) -> {
			if ((status.startsWith("2") && carriesVersioned(response)) || "304".equals(status)) {
				headers(response).putIfAbsent(HttpHeaders.ETAG,
						header("The object's version as a strong entity tag, for If-None-Match and If-Match"));
			}
		});
		responses.values().forEach((response) -> headers(response).putIfAbsent("X-Request-Id", requestId()));
		operation.setResponses(responses);
		return operation;
	}

	private static ApiResponse addProblem(ApiResponses responses, String status, String description) {
		return responses.computeIfAbsent(status, (code) -> new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM)))));
	}

	private static Map<String, Header> headers(ApiResponse response) {
		if (response.getHeaders() == null) {
			response.setHeaders(new LinkedHashMap<>());
		}
		return response.getHeaders();
	}

	private static boolean carriesVersioned(ApiResponse response) {
		if (response.getContent() == null) {
			return false;
		}
		return response.getContent()
			.values()
			.stream()
			.map(MediaType::getSchema)
			.anyMatch((schema) -> schema != null
					&& (VERSIONED_TASK.equals(schema.get$ref()) || VERSIONED_PROJECT.equals(schema.get$ref())));
	}

	private static boolean hasHeaderParameter(HandlerMethod handler, String name) {
		for (MethodParameter parameter : handler.getMethodParameters()) {
			RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
			if (header != null && name.equalsIgnoreCase(header.name())) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasParameter(HandlerMethod handler, Class<? extends java.lang.annotation.Annotation> kind) {
		for (MethodParameter parameter : handler.getMethodParameters()) {
			if (parameter.hasParameterAnnotation(kind)) {
				return true;
			}
		}
		return false;
	}

	private static Header requestId() {
		return header("The request's correlation id: the client's own when sane, a new UUID otherwise");
	}

	private static Header header(String description) {
		return new Header().description(description).schema(new StringSchema());
	}

	private static Schema<?> fieldError() {
		return new ObjectSchema().description("One rule a request broke")
			.addProperty("field",
					new StringSchema()
						.description("The JSON field, query parameter, path variable or " + "header at fault"))
			.addProperty("message", new StringSchema().description("What is wrong with it"))
			.required(List.of("field", "message"));
	}

	private static Schema<?> problem() {
		return new ObjectSchema().description("RFC 9457 problem details")
			.addProperty("type", new StringSchema().example("about:blank"))
			.addProperty("title", new StringSchema())
			.addProperty("status",
					new IntegerSchema().minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599)))
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema().description("The request's path"))
			.addProperty("errors",
					new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
						.description("Present for validation failures: each field or parameter at fault"))
			.addProperty("request_id",
					new StringSchema().description(
							"On 500 and 503: the X-Request-Id of the " + "request, to quote when reporting it"))
			.addProperty("version",
					new IntegerSchema().format("int64")
						.minimum(BigDecimal.ONE)
						.description("On 412: the object's current version, as in its ETag"))
			.required(List.of("type", "title", "status"));
	}

}
