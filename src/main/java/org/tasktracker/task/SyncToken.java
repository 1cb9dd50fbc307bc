package org.tasktracker.task;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.tasktracker.web.InvalidRequestException;

/**
 * Where a sync client stands, as the opaque {@code next} of {@code GET /sync}: the
 * snapshot of the database its state reflects ({@code since}), and, while a round of
 * pages is under way, the snapshot the round began at and the last object sent. Signed
 * with the database's key, so that a token cannot be forged or moved to another user.
 *
 * @param ownerId whose token it is
 * @param since the PostgreSQL snapshot ({@code pg_snapshot} text) the client's state
 * reflects, or null for a client with no state yet
 * @param sinceMillis when {@code since} was taken, by the database's clock (0 without
 * one)
 * @param round the snapshot the current round of pages began at, or null between rounds
 * @param roundMillis when {@code round} was taken
 * @param phase which kind of object the round has reached ({@link SyncPhase})
 * @param after the id of the last object of that kind sent
 */
record SyncToken(long ownerId, @Nullable String since, long sinceMillis, @Nullable String round, long roundMillis,
		int phase, long after) {

	private static final int MAC_BYTES = 16;

	/** A token of a client that has seen the whole state as of {@code snapshot}. */
	static SyncToken caughtUp(long ownerId, String snapshot, long millis) {
		return new SyncToken(ownerId, snapshot, millis, null, 0, 0, 0);
	}

	String encode(byte[] key) {
		String payload = String.join("|", "1", Long.toString(this.ownerId), text(this.since),
				Long.toString(this.sinceMillis), text(this.round), Long.toString(this.roundMillis),
				Integer.toString(this.phase), Long.toString(this.after));
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return base64.encodeToString(bytes) + "." + base64.encodeToString(mac(key, bytes));
	}

	/**
	 * @throws InvalidRequestException naming {@code since} if the token was not made by
	 * this service for this user, or was altered
	 */
	static SyncToken decode(String token, long ownerId, byte[] key) {
		try {
			int dot = token.indexOf('.');
			if (dot > 0) {
				byte[] bytes = canonicalBase64(token.substring(0, dot));
				byte[] mac = canonicalBase64(token.substring(dot + 1));
				if (MessageDigest.isEqual(mac, mac(key, bytes))) {
					String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\\|", -1);
					if (parts.length == 8 && "1".equals(parts[0]) && Long.parseLong(parts[1]) == ownerId) {
						return new SyncToken(ownerId, snapshot(parts[2]), Long.parseLong(parts[3]), snapshot(parts[4]),
								Long.parseLong(parts[5]), Integer.parseInt(parts[6]), Long.parseLong(parts[7]));
					}
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// Not base64url, or not numbers: the same refusal.
		}
		throw new InvalidRequestException("since", "is not a sync token this service gave you; start again without it");
	}

	/**
	 * The bytes of base64url text as {@link #encode} writes it, unpadded and with zero
	 * spare bits: the decoder also takes padding and ignores those bits, so without this
	 * one token would have several spellings that all pass the MAC.
	 * @throws IllegalArgumentException for any other text
	 */
	private static byte[] canonicalBase64(String text) {
		byte[] bytes = Base64.getUrlDecoder().decode(text);
		if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
			throw new IllegalArgumentException("Not the canonical base64url");
		}
		return bytes;
	}

	private static String text(@Nullable String snapshot) {
		return (snapshot != null) ? snapshot : "";
	}

	private static @Nullable String snapshot(String text) {
		if (text.isEmpty()) {
			return null;
		}
		// xmin:xmax:xip,xip... as pg_snapshot writes it.
		if (!text.matches("[0-9]{1,20}:[0-9]{1,20}:[0-9,]{0,20000}")) {
			throw new IllegalArgumentException("Not a snapshot");
		}
		return text;
	}

	private static byte[] mac(byte[] key, byte[] payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

}
