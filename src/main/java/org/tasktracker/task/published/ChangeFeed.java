package org.tasktracker.task.published;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The change feed of contract part D ({@code GET /sync}) for the modules that are other
 * ways into the tasks: the same tokens, so that a client of either never misses a change.
 */
public interface ChangeFeed {

	/**
	 * One page of what changed since {@code token}, or of the whole state without one.
	 * @param token a token this feed gave the owner, or null to start
	 * @param limit at most this many tasks and deletions in the page
	 * @throws TokenRefusedException when the token is not the owner's, was altered, or is
	 * older than deletions are kept
	 */
	Changes read(long ownerId, @Nullable String token, int limit);

	/**
	 * A token that stands for the owner's state as of now, read without reading that
	 * state: what a client that has just read everything would hold.
	 */
	String current(long ownerId);

	/**
	 * @param tasks tasks created or changed, by id
	 * @param deletedTasks ids of tasks deleted (none without a token)
	 * @param next the token to read on from
	 * @param more whether another page follows at once
	 */
	record Changes(List<TaskView> tasks, List<Long> deletedTasks, String next, boolean more) {
	}

	/** A token the feed will not read from: the client must start again without one. */
	final class TokenRefusedException extends RuntimeException {

		private final boolean expired;

		public TokenRefusedException(String message, boolean expired) {
			super(message, null, false, false);
			this.expired = expired;
		}

		/** Whether the token was valid once but is older than deletions are kept. */
		public boolean expired() {
			return this.expired;
		}

	}

}
