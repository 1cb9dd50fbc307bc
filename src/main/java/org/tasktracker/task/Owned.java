package org.tasktracker.task;

import java.util.Comparator;

/**
 * A request on behalf of one owner, as gathered writes carry it: each answer is matched
 * to its request by owner as well as by value, so that no owner gets another's row.
 *
 * @param ownerId the user the request acts as
 * @param value what it asks for
 */
record Owned<T>(long ownerId, T value) {

	static final Comparator<Owned<Long>> BY_OWNER_AND_VALUE = Comparator.<Owned<Long>>comparingLong(Owned::ownerId)
		.thenComparing(Owned::value);

}
