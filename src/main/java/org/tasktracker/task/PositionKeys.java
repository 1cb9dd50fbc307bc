package org.tasktracker.task;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Fractional keys for manual order: a key strictly between two others, so that a move
 * writes the moved task only. Keys are base-62 digits ({@code 0-9A-Za-z}, in ASCII order,
 * so Java and PostgreSQL's {@code COLLATE "C"} sort them alike) read as the digits of a
 * fraction; none ends in {@code 0}, so no two spell the same value.
 * <p>
 * A task never moved has its id's key (see {@link Task#idPosition}), and a move to the
 * end of a list takes a fresh id's key, so keys only grow in length where moves crowd one
 * gap; past {@link #MAX_LENGTH} the list is renumbered.
 */
final class PositionKeys {

	static final int MAX_LENGTH = 64;

	private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private PositionKeys() {
	}

	/**
	 * The least id whose key ({@link Task#idPosition}) is at or after {@code key}: the
	 * first task never moved that a page continuing after {@code key} can hold.
	 * {@link Long#MAX_VALUE} when no id's key is.
	 */
	static long firstIdFrom(String key) {
		long low = 0;
		long high = Long.MAX_VALUE;
		// Keys of ids are one length, so they are in the ids' order.
		while (low < high) {
			long middle = low + (high - low) / 2;
			if (Task.idPosition(middle).compareTo(key) >= 0) {
				high = middle;
			}
			else {
				low = middle + 1;
			}
		}
		return low;
	}

	/**
	 * The greatest id whose key is at or before {@code key}, -1 when none is: where a
	 * page in descending order continuing before {@code key} starts among the tasks never
	 * moved.
	 */
	static long lastIdUpTo(String key) {
		long first = firstIdFrom(key);
		int order = Task.idPosition(first).compareTo(key);
		// Before the key only when every id's key is (first is then the greatest id).
		return (order <= 0) ? first : first - 1;
	}

	/**
	 * A key after {@code before} (the start of the list when null) and before
	 * {@code after}; empty when it would be longer than {@link #MAX_LENGTH}.
	 * @throws IllegalArgumentException if the two are not in order, or not keys
	 */
	static Optional<String> between(@Nullable String before, String after) {
		String low = (before != null) ? before : "";
		if (low.compareTo(after) >= 0 || !isKey(after) || (before != null && !isKey(before))) {
			throw new IllegalArgumentException("Not two keys in order");
		}
		String key = midpoint(low, after);
		return (key.length() <= MAX_LENGTH) ? Optional.of(key) : Optional.empty();
	}

	/**
	 * David Greenspan's midpoint of two fractions' digits: the shortest key between them,
	 * where {@code high} null is 1.
	 */
	private static String midpoint(String low, @Nullable String high) {
		if (high != null) {
			int common = 0;
			while (common < high.length() && digitAt(low, common) == high.charAt(common)) {
				common++;
			}
			if (common > 0) {
				return high.substring(0, common)
						+ midpoint(low.substring(Math.min(common, low.length())), high.substring(common));
			}
		}
		int lowDigit = low.isEmpty() ? 0 : DIGITS.indexOf(low.charAt(0));
		int highDigit = (high != null) ? DIGITS.indexOf(high.charAt(0)) : DIGITS.length();
		if (highDigit - lowDigit > 1) {
			return String.valueOf(DIGITS.charAt((lowDigit + highDigit) / 2));
		}
		if (high != null && high.length() > 1) {
			return high.substring(0, 1);
		}
		return DIGITS.charAt(lowDigit) + midpoint(low.isEmpty() ? "" : low.substring(1), null);
	}

	private static char digitAt(String key, int index) {
		return (index < key.length()) ? key.charAt(index) : '0';
	}

	private static boolean isKey(String key) {
		if (key.isEmpty() || key.charAt(key.length() - 1) == '0') {
			return false;
		}
		for (int i = 0; i < key.length(); i++) {
			if (DIGITS.indexOf(key.charAt(i)) < 0) {
				return false;
			}
		}
		return true;
	}

	/** How many digits after a key's leading zeros {@link #sortOrder} reads. */
	private static final int SORT_ORDER_DIGITS = 9;

	/**
	 * A number that orders keys as they order (a larger key, a larger number), for
	 * clients that sort by an integer (iCalendar's {@code X-APPLE-SORT-ORDER}): the count
	 * of leading zeros as an exponent and the next nine digits as a mantissa, so that
	 * {@code 64 * 62^9} (below 2^60) bounds it. Keys equal in their leading zeros and the
	 * nine digits after them get the same number, which only moves crowding one gap make.
	 */
	static long sortOrder(String key) {
		int zeros = 0;
		while (zeros < key.length() && key.charAt(zeros) == '0') {
			zeros++;
		}
		long mantissa = 0;
		for (int i = zeros; i < zeros + SORT_ORDER_DIGITS; i++) {
			int digit = (i < key.length()) ? Math.max(0, DIGITS.indexOf(key.charAt(i))) : 0;
			mantissa = mantissa * DIGITS.length() + digit;
		}
		long scale = 1;
		for (int i = 0; i < SORT_ORDER_DIGITS; i++) {
			scale *= DIGITS.length();
		}
		return Math.max(0, MAX_LENGTH - zeros) * scale + mantissa;
	}

}
