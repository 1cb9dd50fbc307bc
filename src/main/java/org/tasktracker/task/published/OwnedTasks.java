package org.tasktracker.task.published;

import java.util.function.Consumer;

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

}
