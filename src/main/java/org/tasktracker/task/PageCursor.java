package org.tasktracker.task;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.tasktracker.web.InvalidRequestException;

/**
 * Where a page in another order than by id ended: the sort key and id of its last task.
 * On the wire it is opaque (base64url) and signed with the database's key (the one of
 * sync tokens, for another purpose), over the listing it belongs to (owner, filters, sort
 * and order) and the place it names, so that a cursor of another listing or user, or one
 * altered, is refused rather than read.
 *
 * @param key the sort key of the last task (microseconds since the epoch for times, the
 * priority), or null for a task without a due date
 * @param id the last task's id
 * @param text the position of the last task, for {@code sort=position}, or null
 */
record PageCursor(@Nullable Long key, long id, @Nullable String text) {

	private static final String VERSION = "2";

	PageCursor(@Nullable Long key, long id) {
		this(key, id, null);
	}

	String encode(long ownerId, TaskListQuery query, byte[] signingKey) {
		String sortKey = (this.text != null) ? "t" + this.text : (this.key != null) ? this.key.toString() : "-";
		String place = sortKey + "|" + this.id;
		String text = VERSION + "|" + place + "|" + signature(signingKey, ownerId, query, place);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @throws InvalidRequestException naming {@code cursor} if it is not one this listing
	 * gave
	 */
	static PageCursor decode(String cursor, long ownerId, TaskListQuery query, byte[] signingKey) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
			if (parts.length == 4 && VERSION.equals(parts[0]) && MessageDigest.isEqual(
					signature(signingKey, ownerId, query, parts[1] + "|" + parts[2]).getBytes(StandardCharsets.UTF_8),
					parts[3].getBytes(StandardCharsets.UTF_8))) {
				if ("position".equals(query.filters().sort())) {
					if (parts[1].matches("t[0-9A-Za-z]{1,64}")) {
						return new PageCursor(null, Long.parseLong(parts[2]), parts[1].substring(1));
					}
					throw new IllegalArgumentException("Not a position");
				}
				Long key = "-".equals(parts[1]) ? null : Long.valueOf(parts[1]);
				return new PageCursor(key, Long.parseLong(parts[2]));
			}
		}
		catch (IllegalArgumentException ex) {
			// Not base64url, or not numbers: the same refusal.
		}
		throw new InvalidRequestException("cursor", "is not a cursor of this listing; start again without it");
	}

	/**
	 * The signature of a place in a listing: of everything that identifies the listing
	 * (all but the page's place and size) and of the place.
	 */
	private static String signature(byte[] signingKey, long ownerId, TaskListQuery query, String place) {
		TaskListQuery.Filters filters = query.filters();
		String signed = "page-cursor|" + ownerId + "|" + query.completed() + "|" + query.q() + "|" + query.descending()
				+ "|" + filters.project() + "|" + filters.inbox() + "|" + filters.labelKeys() + "|"
				+ filters.priorities() + "|" + filters.due() + "|" + filters.dueFrom() + "|" + filters.dueTo() + "|"
				+ filters.sort()
				+ ((filters.parent() != null || filters.roots()) ? "|" + filters.parent() + "|" + filters.roots() : "")
				+ "|" + place;
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)), 0, 16);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

}
