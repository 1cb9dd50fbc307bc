package org.tasktracker.task;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;
import org.tasktracker.account.UserZones;
import org.tasktracker.idempotency.IdempotentCreations;
import org.tasktracker.web.RequestParts;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /export} and {@code POST /import} of such a document or of a Todoist CSV
 * export ({@link TodoistCsv}): see {@link DataTransferService}.
 */
@RestController
class DataTransferController implements DataTransferApi {

	static final String TEXT_CSV = "text/csv";

	/**
	 * One import at a time per instance: a document of up to 20 MB is held whole, as
	 * bytes and as a tree, and the recommended heap is 128 MB.
	 */
	private final Semaphore importing = new Semaphore(1, true);

	private final DataTransferService transfers;

	private final JsonMapper json;

	private final UserZones zones;

	DataTransferController(DataTransferService transfers, JsonMapper json, UserZones zones) {
		this.transfers = transfers;
		this.json = json;
		this.zones = zones;
	}

	@Override
	@GetMapping("/export")
	public void export(@AuthenticationPrincipal Account caller, HttpServletResponse response) throws IOException {
		this.transfers.export(caller.id())
			.sendAsDownload(response, MediaType.APPLICATION_JSON_VALUE, "tasktracker-export.json", "export");
	}

	@Override
	@PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<ImportResult> importJson(@AuthenticationPrincipal Account caller,
			@RequestHeader(name = IdempotentCreations.HEADER, required = false) @Nullable String idempotencyKey,
			HttpServletRequest request) throws IOException, InterruptedException {
		return oneAtATime(() -> {
			byte[] body = request.getInputStream().readAllBytes();
			JsonNode document;
			try {
				document = this.json.readTree(body);
			}
			catch (JacksonException ex) {
				throw RequestParts.refusal(HttpStatus.BAD_REQUEST,
						"The body is not JSON: send a document as GET /export writes it");
			}
			// JSON that is not an object (or no JSON at all: an empty body) is refused as
			// POST /tasks refuses it, before it is read as a document.
			// The key's request is the document, not its spacing: as for POST /tasks, a
			// repeat written out differently is the same request.
			return this.transfers.importDocument(caller.id(), ImportDocument.read(RequestParts.requireObject(document)),
					idempotencyKey, digest(document));
		});
	}

	@Override
	@PostMapping(path = "/import", consumes = TEXT_CSV)
	public ResponseEntity<ImportResult> importTodoistCsv(@AuthenticationPrincipal Account caller,
			@RequestParam(name = "project", required = false) @Nullable String project,
			@RequestHeader(name = IdempotentCreations.HEADER, required = false) @Nullable String idempotencyKey,
			HttpServletRequest request) throws IOException, InterruptedException {
		return oneAtATime(() -> {
			// Read as it streams in, digested on the way: a CSV is never held as bytes.
			MessageDigest digest = sha256();
			Charset charset = StandardCharsets.UTF_8;
			try {
				// From the header as sent: the request's own character encoding is the
				// UTF-8 Spring Boot forces on every request, whatever the client named.
				Charset named = MediaType.parseMediaType(request.getHeader(HttpHeaders.CONTENT_TYPE)).getCharset();
				if (named != null) {
					charset = named;
				}
			}
			catch (IllegalArgumentException ex) {
				throw RequestParts.refusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
						"The charset of the Content-Type is unknown: send UTF-8");
			}
			// Bytes that are not text in the charset are refused, as in a JSON body, not
			// imported as U+FFFD.
			ImportDocument document = TodoistCsv.read(
					new StrictTextReader(new DigestInputStream(request.getInputStream(), digest), charset), project,
					this.zones.zoneOf(caller.id()), Instant.now());
			// The same file into another project is another import.
			digest.update(("\nproject=" + project).getBytes(StandardCharsets.UTF_8));
			return this.transfers.importDocument(caller.id(), document, idempotencyKey,
					"text/csv:" + HexFormat.of().formatHex(digest.digest()));
		});
	}

	/** An import, once this instance runs no other; 201 with what it created. */
	private ResponseEntity<ImportResult> oneAtATime(Import work) throws IOException, InterruptedException {
		if (!this.importing.tryAcquire(30, TimeUnit.SECONDS)) {
			ErrorResponseException busy = RequestParts.refusal(HttpStatus.SERVICE_UNAVAILABLE,
					"Another import is running on this instance; retry in a few seconds");
			busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
			throw busy;
		}
		try {
			IdempotentCreations.Outcome<ImportResult> outcome = work.run();
			return ResponseEntity.status(HttpStatus.CREATED)
				.header("Idempotent-Replayed", Boolean.toString(outcome.replayed()))
				.body(outcome.answer());
		}
		finally {
			this.importing.release();
		}
	}

	@FunctionalInterface
	private interface Import {

		IdempotentCreations.Outcome<ImportResult> run() throws IOException;

	}

	private String digest(JsonNode document) {
		MessageDigest digest = sha256();
		this.json.writeValue(new DigestOutputStream(OutputStream.nullOutputStream(), digest), document);
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
