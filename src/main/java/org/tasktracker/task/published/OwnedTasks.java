package org.tasktracker.task.published;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The tasks of one owner, for the modules that are other ways into them. Every read is
 * scoped to the owner; none of them changes anything.
 */
public interface OwnedTasks {

	/**
	 * Hands each of the owner's tasks to {@code each}, in id order, as one statement
	 * reads them (one snapshot), a few hundred rows at a time: memory does not grow with
	 * the number of tasks. {@code each} runs while the statement's transaction is open,
	 * so it should write somewhere quick (memory, a local file), not to a slow client. A
	 * failure of the database is thrown as it is: a caller that retries starts over.
	 */
	void forEach(long ownerId, Consumer<TaskView> each);

	/**
	 * As {@link #forEach}, for the tasks of one project only, or of none (the Inbox) when
	 * {@code projectId} is null.
	 */
	void forEachIn(long ownerId, @Nullable Long projectId, Consumer<TaskView> each);

	/** Those of the ids that are the owner's tasks, by id; others are left out. */
	List<TaskView> byIds(long ownerId, Collection<Long> ids);

	/** The owner's projects that are not archived, by name. */
	List<CalendarView> openProjects(long ownerId);

	/**
	 * A text that changes whenever a task of the project (of the Inbox when
	 * {@code projectId} is null) is created, changed, deleted or moved in or out, or the
	 * project itself changes: a digest of the ids and versions, read in one statement.
	 */
	String contentTag(long ownerId, @Nullable Long projectId);

}
