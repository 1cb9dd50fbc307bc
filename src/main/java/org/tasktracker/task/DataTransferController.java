package org.tasktracker.task;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tasktracker.account.Account;
import org.tasktracker.idempotency.IdempotentCreations;
import org.tasktracker.web.RequestParts;
import org.tasktracker.web.SpooledBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /export} and {@code POST /import}: see {@link DataTransferService}. */
@RestController
class DataTransferController implements DataTransferApi {

	private static final Logger log = LoggerFactory.getLogger(DataTransferController.class);

	/**
	 * One import at a time per instance: a document of up to 20 MB is held whole, as
	 * bytes and as a tree, and the recommended heap is 128 MB.
	 */
	private final Semaphore importing = new Semaphore(1, true);

	private final DataTransferService transfers;

	private final JsonMapper json;

	DataTransferController(DataTransferService transfers, JsonMapper json) {
		this.transfers = transfers;
		this.json = json;
	}

	@Override
	@GetMapping("/export")
	public void export(@AuthenticationPrincipal Account caller, HttpServletResponse response) throws IOException {
		SpooledBody body = this.transfers.export(caller.id());
		try {
			response.setStatus(HttpServletResponse.SC_OK);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tasktracker-export.json\"");
			response.setContentLengthLong(body.size());
			body.sendTo(response.getOutputStream());
		}
		catch (IOException ex) {
			if (NestedExceptionUtils.getRootCause(ex) instanceof SocketTimeoutException) {
				log.info("Cut off a client that stopped reading its export");
			}
		}
		finally {
			body.discard();
		}
	}

	@Override
	@PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<ImportResult> importJson(@AuthenticationPrincipal Account caller,
			@RequestHeader(name = IdempotentCreations.HEADER, required = false) @Nullable String idempotencyKey,
			HttpServletRequest request) throws IOException, InterruptedException {
		if (!this.importing.tryAcquire(30, TimeUnit.SECONDS)) {
			ErrorResponseException busy = RequestParts.refusal(HttpStatus.SERVICE_UNAVAILABLE,
					"Another import is running on this instance; retry in a few seconds");
			busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
			throw busy;
		}
		try {
			byte[] body = request.getInputStream().readAllBytes();
			JsonNode document;
			try {
				document = this.json.readTree(body);
			}
			catch (JacksonException ex) {
				throw RequestParts.refusal(HttpStatus.BAD_REQUEST,
						"The body is not JSON: send a document as GET /export writes it");
			}
			ImportDocument read = ImportDocument.read(document);
			IdempotentCreations.Outcome<ImportResult> outcome = this.transfers.importDocument(caller.id(), read,
					idempotencyKey, digest(body));
			return ResponseEntity.status(HttpStatus.CREATED)
				.header("Idempotent-Replayed", Boolean.toString(outcome.replayed()))
				.body(outcome.answer());
		}
		finally {
			this.importing.release();
		}
	}

	private static String digest(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
