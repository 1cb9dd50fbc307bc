package org.tasktracker.web;

import java.util.List;
import java.util.Map;

/**
 * The step before a destructive act of the web UI, as the page {@code confirm.html} shows
 * it: the question naming what will go, what follows from it, and one form that does it;
 * Cancel goes back. A page, not a script's dialog, so it is the same with htmx and
 * without script.
 *
 * @param question the page's heading, naming what will go ("Delete project Work and its
 * 12 tasks?")
 * @param details sentences under it
 * @param action where the form posts
 * @param fields the form's hidden fields, which say what was confirmed
 * @param button the words on the button that does it
 * @param cancel where Cancel leads
 */
public record Confirmation(String question, List<String> details, String action, Map<String, String> fields,
		String button, String cancel) {

	/** The model attribute {@code confirm.html} reads. */
	public static final String ATTRIBUTE = "confirm";

	/** The template. */
	public static final String VIEW = "confirm";

}
