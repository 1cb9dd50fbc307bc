package org.tasktracker.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.tasktracker.web.InvalidRequestException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Creates a resource once per {@code Idempotency-Key}: a repeat with the same request
 * gets the first answer back, a repeat with another request is refused. The key, the
 * resource and the stored answer are written in one transaction, so a request whose
 * response was lost can be repeated safely, here or by the client.
 */
@Service
public class IdempotentCreations {

	public static final String HEADER = "Idempotency-Key";

	/** 1 to 255 printable ASCII characters, as the contract says. */
	private static final Pattern KEY_FORMAT = Pattern.compile("[\\x20-\\x7E]{1,255}");

	private final IdempotencyKeyRepository keys;

	private final TransactionOperations transactions;

	private final JsonMapper json;

	private final Duration retention;

	IdempotentCreations(IdempotencyKeyRepository keys, TransactionOperations transactions, JsonMapper json,
			IdempotencyProperties properties) {
		this.keys = keys;
		this.transactions = transactions;
		this.json = json;
		this.retention = properties.retention();
	}

	/**
	 * Runs {@code create} unless the owner already used {@code key} within the retention.
	 * Keys are per owner: the same key from two owners creates twice.
	 * @param request the validated request; its JSON form identifies it
	 * @param answerType what {@code create} answers, to read a stored answer back
	 * @throws InvalidRequestException if the key is malformed, or was used with a
	 * different request
	 */
	public <T> Outcome<T> create(long ownerId, String key, Object request, Class<T> answerType, Supplier<T> create) {
		if (!KEY_FORMAT.matcher(key).matches()) {
			throw new InvalidRequestException(HEADER, "must be 1 to 255 printable ASCII characters");
		}
		String requestHash = hash(this.json.writeValueAsString(request));
		return this.transactions.execute((status) -> {
			if (this.keys.claim(ownerId, key, requestHash, this.retention)) {
				T created = create.get();
				this.keys.recordResponse(ownerId, key, this.json.writeValueAsString(created));
				return new Outcome<>(created, false);
			}
			IdempotencyKeyRepository.StoredResponse stored = this.keys.find(ownerId, key)
				.orElseThrow(() -> new IllegalStateException("Idempotency key claimed but not stored"));
			if (!stored.requestHash().equals(requestHash)) {
				throw new InvalidRequestException(HEADER, "was already used with a different request body");
			}
			return new Outcome<>(this.json.readValue(stored.response(), answerType), true);
		});
	}

	private static String hash(String request) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/**
	 * @param answer the resource as first created
	 * @param replayed whether this answers a repeat of an earlier request
	 */
	public record Outcome<T>(T answer, boolean replayed) {
	}

}
