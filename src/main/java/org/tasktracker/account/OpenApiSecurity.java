package org.tasktracker.account;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.stereotype.Component;

/**
 * The OpenAPI document's side of access: the two security schemes, and on every operation
 * that acts as a user, its security and the refusals it can answer (401, 403, 429). An
 * empty requirement says that a request may also come without credentials, and act as the
 * local user where {@code AUTH_MODE} allows.
 */
@Component
class OpenApiSecurity implements OpenApiCustomizer {

	private static final String PROBLEM = "#/components/schemas/Problem";

	@Override
	public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		openApi.getComponents()
			.addSecuritySchemes("bearerToken",
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("A personal API token from POST /tokens: tt_ and 32 or more base62 characters"))
			.addSecuritySchemes("password",
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("basic")
						.description("Username and password; POST /tokens needs it"));
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> {
			if (path.startsWith("/health")) {
				// Said outright: the health checks need no credentials.
				item.readOperations().forEach((operation) -> operation.setSecurity(List.of()));
			}
			else {
				item.readOperations().forEach(OpenApiSecurity::protect);
			}
		});
	}

	private static void protect(Operation operation) {
		operation.setSecurity(List.of(new SecurityRequirement().addList("bearerToken"),
				new SecurityRequirement().addList("password"), new SecurityRequirement()));
		ApiResponses responses = operation.getResponses();
		headers(problem(responses, "401",
				"No valid credentials: none where they are needed, or a token that is "
						+ "unknown, expired, revoked or malformed, or a wrong password"))
			.put("WWW-Authenticate",
					new Header()
						.description("Bearer realm=\"tasktracker\" (with "
								+ "error=\"invalid_token\" when a token was sent), or Basic realm=\"tasktracker\"")
						.schema(new StringSchema()));
		headers(problem(responses, "403", "The token lacks the scope, or the user may not do this")).put(
				"WWW-Authenticate",
				new Header().description("Bearer error=\"insufficient_scope\", scope=\"<needed>\" for a token")
					.schema(new StringSchema()));
		Map<String, Header> limited = headers(
				problem(responses, "429", "Over the user's rate limit, or too many failed password checks or unknown "
						+ "tokens from the client's address (or, on POST /users, accounts opened from it)"));
		limited.put("Retry-After",
				new Header().description("Seconds to wait").schema(new IntegerSchema().minimum(BigDecimal.ONE)));
		limited.put("RateLimit-Limit", rateHeader("Requests a user may make at once"));
		limited.put("RateLimit-Remaining", rateHeader("Requests left now"));
		limited.put("RateLimit-Reset", rateHeader("Seconds until the full allowance is back"));
		responses.values().forEach((response) -> {
			headers(response).putIfAbsent("RateLimit-Limit", rateHeader("Requests a user may make at once"));
			headers(response).putIfAbsent("RateLimit-Remaining", rateHeader("Requests left now"));
			headers(response).putIfAbsent("RateLimit-Reset", rateHeader("Seconds until the full allowance is back"));
		});
	}

	private static Header rateHeader(String description) {
		return new Header().description(description + "; on responses to users with a rate limit")
			.schema(new IntegerSchema().minimum(BigDecimal.ZERO));
	}

	private static ApiResponse problem(ApiResponses responses, String status, String description) {
		return responses.computeIfAbsent(status,
				(code) -> new ApiResponse().description(description)
					.content(new Content().addMediaType(
							org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
							new MediaType().schema(new Schema<>().$ref(PROBLEM)))));
	}

	private static Map<String, Header> headers(ApiResponse response) {
		if (response.getHeaders() == null) {
			response.setHeaders(new LinkedHashMap<>());
		}
		return response.getHeaders();
	}

}
