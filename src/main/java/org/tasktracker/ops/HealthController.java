package org.tasktracker.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.tasktracker.web.WebProperties;
import org.tasktracker.web.WithoutDatabase;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.dao.DataAccessException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Health checks: {@code /health} and {@code /health/ready} report whether the database
 * answers, {@code /health/live} only that the process serves requests.
 */
@RestController
@Tag(name = "health")
class HealthController {

	private final JdbcClient jdbc;

	private final ApplicationAvailability availability;

	/** Sent with every 503, as the contract asks of each, the health checks' too. */
	private final String retryAfter;

	HealthController(JdbcClient jdbc, ApplicationAvailability availability, WebProperties properties) {
		this.jdbc = jdbc;
		this.availability = availability;
		this.retryAfter = Long.toString(Math.max(1, properties.retryAfter().toSeconds()));
	}

	@GetMapping("/health")
	@Operation(operationId = "getHealth",
			summary = "Overall health: 200 UP while the database answers, 503 DOWN otherwise")
	@ApiResponse(responseCode = "200", description = "The database answers",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = HealthDocument.class)))
	@ApiResponse(responseCode = "503", description = "The database does not answer",
			headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before trying again",
					schema = @Schema(type = "integer", minimum = "1")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = HealthDocument.class)))
	ResponseEntity<Map<String, Object>> health() {
		if (databaseAnswers()) {
			return ResponseEntity.ok()
				.cacheControl(CacheControl.noStore())
				.body(answer("UP", Map.of("database", "UP")));
		}
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.RETRY_AFTER, this.retryAfter)
			.body(answer("DOWN", Map.of("database", "DOWN")));
	}

	@GetMapping("/health/ready")
	@Operation(operationId = "getReadiness",
			summary = "Readiness for orchestrators: as /health, and 503 once shutdown has begun")
	@ApiResponse(responseCode = "200", description = "Ready",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = HealthDocument.class)))
	@ApiResponse(responseCode = "503", description = "Not ready: the database does not answer, or shutting down",
			headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before trying again",
					schema = @Schema(type = "integer", minimum = "1")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = HealthDocument.class)))
	ResponseEntity<Map<String, Object>> ready() {
		// Spring Boot refuses traffic once shutdown begins, so that load balancers stop
		// sending requests while those in flight finish.
		if (this.availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.cacheControl(CacheControl.noStore())
				.header(HttpHeaders.RETRY_AFTER, this.retryAfter)
				.body(answer("DOWN", Map.of("shutdown", "IN_PROGRESS")));
		}
		return health();
	}

	@GetMapping("/health/live")
	@WithoutDatabase
	@Operation(operationId = "getLiveness",
			summary = "Liveness: 200 while the process runs; never touches the database")
	@ApiResponse(responseCode = "200", description = "The process serves requests",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = HealthDocument.class)))
	ResponseEntity<Map<String, Object>> live() {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("status", "UP"));
	}

	/**
	 * {@code status} first, then {@code checks}, in every answer ({@code Map.of} orders
	 * its keys differently from one run of the JVM to the next).
	 */
	private static Map<String, Object> answer(String status, Map<String, String> checks) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", status);
		answer.put("checks", checks);
		return answer;
	}

	private boolean databaseAnswers() {
		try {
			return this.jdbc.sql("SELECT 1").query(Integer.class).single() == 1;
		}
		catch (DataAccessException ex) {
			return false;
		}
	}

}
