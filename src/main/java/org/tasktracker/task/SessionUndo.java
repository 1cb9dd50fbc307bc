package org.tasktracker.task;

import java.util.LinkedHashMap;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * What a session can undo, kept in the session and never in the page, so that an undo
 * posts only a task's id and can bring back only what this user did: the latest
 * {@value #HELD} entries under one attribute, as text (JSON), keyed by owner and task.
 * The map is set again on every change, so that Spring Session writes it.
 */
final class SessionUndo {

	/** How many entries a session keeps, the latest last. */
	static final int HELD = 10;

	private final String attribute;

	SessionUndo(String attribute) {
		this.attribute = attribute;
	}

	/** Keeps what undoes a change of the owner's task, in place of any older one. */
	void put(HttpSession session, long ownerId, long taskId, String held) {
		LinkedHashMap<String, String> entries = entries(session);
		entries.remove(key(ownerId, taskId));
		entries.put(key(ownerId, taskId), held);
		while (entries.size() > HELD) {
			entries.remove(entries.keySet().iterator().next());
		}
		session.setAttribute(this.attribute, entries);
	}

	/** What undoes the latest change of the owner's task, or null when there is none. */
	@Nullable String get(HttpSession session, long ownerId, long taskId) {
		return entries(session).get(key(ownerId, taskId));
	}

	/** Forgets it, once it is undone. */
	void remove(HttpSession session, long ownerId, long taskId) {
		LinkedHashMap<String, String> entries = entries(session);
		if (entries.remove(key(ownerId, taskId)) != null) {
			session.setAttribute(this.attribute, entries);
		}
	}

	@SuppressWarnings("unchecked")
	private LinkedHashMap<String, String> entries(HttpSession session) {
		return (session.getAttribute(this.attribute) instanceof LinkedHashMap<?, ?> held)
				? (LinkedHashMap<String, String>) held : new LinkedHashMap<>();
	}

	/** An entry is the user's who made it, whoever holds the session. */
	private static String key(long ownerId, long taskId) {
		return ownerId + ":" + taskId;
	}

}
