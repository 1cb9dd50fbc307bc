package org.tasktracker.task;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.tasktracker.web.InvalidRequestException;

import org.springframework.stereotype.Component;

/**
 * The rules of contract v3 part C that span more than one row, each run in its caller's
 * transaction: completing and reopening a recurring task or a task with subtasks, and
 * placing a task in a tree and in its siblings' manual order.
 */
@Component
class TaskLifecycle {

	/** Levels of subtasks below a root task. */
	static final int MAX_DEPTH = 4;

	private final TaskRepository tasks;

	private final TaskTreeRepository tree;

	private final CompletionRepository completions;

	private final Clock clock;

	TaskLifecycle(TaskRepository tasks, TaskTreeRepository tree, CompletionRepository completions,
			java.util.Optional<Clock> clock) {
		this.tasks = tasks;
		this.tree = tree;
		this.completions = completions;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/**
	 * Completes the current occurrence of a recurring task (its due moves to the next, or
	 * it completes for good when the series is over), or a task with its open subtasks. A
	 * completion that finds the task already changed by another of the same occurrence
	 * answers the task as that one left it, so a doubled request advances once.
	 */
	Optional<Task> complete(long ownerId, long id) {
		Optional<CompletionRepository.State> read = this.completions.state(ownerId, id);
		if (read.isEmpty()) {
			return Optional.empty();
		}
		CompletionRepository.State state = read.get();
		if (state.completed()) {
			return this.tasks.findById(ownerId, id);
		}
		Optional<NextOccurrence.Next> next = (state.rule() != null)
				? NextOccurrence.after(state, Instant.now(this.clock)) : Optional.empty();
		if (next.isPresent()) {
			Optional<Task> advanced = this.completions.advance(ownerId, id, state, next.get().due(),
					next.get().index());
			if (advanced.isPresent() && state.hasChildren()) {
				this.tree.reopenDescendants(ownerId, id);
			}
		}
		else if (this.completions.completeFinally(ownerId, id, state).isPresent() && state.hasChildren()) {
			this.tree.completeDescendants(ownerId, id);
		}
		return this.tasks.findById(ownerId, id);
	}

	/**
	 * Reopens a task; on a recurring task whose last change was a completion, undoes that
	 * completion: the due moves back and the completion record goes.
	 */
	Optional<Task> reopen(long ownerId, long id) {
		Optional<CompletionRepository.State> read = this.completions.state(ownerId, id);
		if (read.isEmpty()) {
			return Optional.empty();
		}
		CompletionRepository.State state = read.get();
		if (state.rule() != null) {
			Optional<Task> undone = this.completions.lastIfLatestChange(ownerId, id, state.updatedAt())
				.flatMap((last) -> this.completions.undoAdvance(ownerId, id, state.updatedAt(), last));
			if (undone.isPresent()) {
				return undone;
			}
		}
		return this.tasks.reopen(ownerId, id);
	}

	/**
	 * The project a new subtask of {@code parentId} goes into: its parent's, which a
	 * project given with it must match.
	 * @throws InvalidRequestException if the parent is not one of the owner's tasks, is
	 * four levels down already, or is in another project than the one given
	 */
	@Nullable Long projectUnder(long ownerId, long parentId, boolean projectGiven, @Nullable Long project) {
		return parentsProject(ownerId, parentId, 0, projectGiven, project);
	}

	/**
	 * The project of a parent a task (with {@code subtreeHeight} levels of subtasks of
	 * its own) is to go under, its row locked, once the parent is checked: one of the
	 * owner's tasks, with room below it, and in the project given with it, if any.
	 */
	private @Nullable Long parentsProject(long ownerId, long parentId, int subtreeHeight, boolean projectGiven,
			@Nullable Long project) {
		TaskTreeRepository.Node parent = this.tree.lockNode(ownerId, parentId)
			.orElseThrow(() -> new InvalidRequestException("parent_id", "is not one of your tasks"));
		if (parent.depth() + 1 + subtreeHeight > MAX_DEPTH) {
			throw tooDeep();
		}
		if (projectGiven && !Objects.equals(project, parent.projectId())) {
			throw new InvalidRequestException("project_id", "must be the parent's project, or left out");
		}
		return parent.projectId();
	}

	/**
	 * Puts a task (with its subtree) under another parent or project, as a patch or a
	 * move asks; the task goes last among its new siblings, or right after {@code after}
	 * when a move names one.
	 * @param setsAfter whether the request names {@code after}, where null means first
	 * @param move whether a move asks (else a patch): a move puts the task last even in
	 * the list it is in, and keeps its parent when it names none, where a patch of the
	 * project alone makes the task a root task (contract v3, part C)
	 * @return whether the task was found
	 * @throws InvalidRequestException naming the field at fault; nothing is changed
	 */
	boolean place(long ownerId, long id, boolean setsProject, @Nullable Long project, boolean setsParent,
			@Nullable Long parent, boolean setsAfter, @Nullable Long after, boolean move) {
		Optional<TaskTreeRepository.Node> found = this.tree.lockNode(ownerId, id);
		if (found.isEmpty()) {
			return false;
		}
		TaskTreeRepository.Node task = found.get();
		Long newParent = (setsParent) ? parent : (setsProject && !move) ? null : task.parentId();
		Long newProject = projectUnder(ownerId, id, newParent, setsProject, setsProject ? project : task.projectId());
		boolean sameList = Objects.equals(newParent, task.parentId()) && Objects.equals(newProject, task.projectId());
		String position;
		if (setsAfter) {
			position = positionAfter(ownerId, id, newProject, newParent, after);
		}
		else if (sameList && !move) {
			return true;
		}
		else {
			position = this.tree.lastPosition();
		}
		this.tree.place(ownerId, id, newProject, newParent, position);
		return true;
	}

	/**
	 * Puts a task (with its subtree) back where it was, exactly: its project, its parent
	 * and its position key, as they were before a change that is being undone. The parent
	 * is checked as for any move (one of the owner's tasks, with room below it, not the
	 * task's own subtree); a sibling that took the same key since is ordered by id.
	 * @return whether the task was found
	 * @throws InvalidRequestException naming the field at fault; nothing is changed
	 */
	boolean putBack(long ownerId, long id, @Nullable Long project, @Nullable Long parent, String position) {
		if (position.isEmpty() || position.length() > PositionKeys.MAX_LENGTH) {
			throw new InvalidRequestException("position",
					"must be a key of at most " + PositionKeys.MAX_LENGTH + " characters");
		}
		if (this.tree.lockNode(ownerId, id).isEmpty()) {
			return false;
		}
		this.tree.place(ownerId, id, projectUnder(ownerId, id, parent, true, project), parent, position);
		return true;
	}

	/**
	 * The project a task goes into under {@code parent}: the parent's, once the parent is
	 * checked, or {@code project} for a root task.
	 */
	private @Nullable Long projectUnder(long ownerId, long id, @Nullable Long parent, boolean projectGiven,
			@Nullable Long project) {
		if (parent == null) {
			return project;
		}
		if (this.tree.inSubtree(ownerId, id, parent)) {
			throw new InvalidRequestException("parent_id", "must not be the task itself or one of its subtasks");
		}
		return parentsProject(ownerId, parent, this.tree.height(ownerId, id), projectGiven, project);
	}

	/**
	 * A key right after sibling {@code after} (first when null) among the siblings in
	 * that project under that parent, renumbering them when the gap has run out.
	 */
	private String positionAfter(long ownerId, long id, @Nullable Long project, @Nullable Long parent,
			@Nullable Long after) {
		String before = null;
		if (after != null) {
			if (after == id) {
				throw new InvalidRequestException("after", "must not be the task itself");
			}
			before = this.tree.siblingPosition(ownerId, after, project, parent)
				.orElseThrow(() -> new InvalidRequestException("after",
						"must be one of your tasks in the list the task moves to (same project and parent)"));
		}
		for (int attempt = 0; attempt < 2; attempt++) {
			Optional<String> next = this.tree.nextPosition(ownerId, project, parent, before, id);
			if (next.isEmpty()) {
				return this.tree.lastPosition();
			}
			Optional<String> between = PositionKeys.between(before, next.get());
			if (between.isPresent()) {
				return between.get();
			}
			this.tree.renumber(ownerId, project, parent, id);
			if (after != null) {
				before = this.tree.siblingPosition(ownerId, after, project, parent).orElseThrow();
			}
		}
		throw new IllegalStateException("Renumbered siblings left no room for a key");
	}

	private static InvalidRequestException tooDeep() {
		return new InvalidRequestException("parent_id",
				"would make a fifth level of subtasks; at most " + MAX_DEPTH + " levels lie below a root task");
	}

}
