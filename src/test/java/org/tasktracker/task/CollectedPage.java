package org.tasktracker.task;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page sink that keeps what it is given and checks that it is given it in order.
 */
final class CollectedPage implements TaskPageSink {

	private final List<Task> tasks = new ArrayList<>();

	private @Nullable Long nextAfter;

	private boolean begun;

	private boolean ended;

	@Override
	public void begin() {
		check(!this.begun, "begin() twice");
		this.begun = true;
	}

	@Override
	public void add(Task task) {
		check(this.begun && !this.ended, "add() outside begin() and end()");
		this.tasks.add(task);
	}

	@Override
	public void end(@Nullable Long nextAfter) {
		check(this.begun && !this.ended, "end() without begin() or twice");
		this.ended = true;
		this.nextAfter = nextAfter;
	}

	/** The tasks of a page given in full. */
	List<Task> tasks() {
		check(this.ended, "page not ended");
		return this.tasks;
	}

	List<Long> ids() {
		return tasks().stream().map(Task::id).toList();
	}

	@Nullable Long nextAfter() {
		check(this.ended, "page not ended");
		return this.nextAfter;
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

}
