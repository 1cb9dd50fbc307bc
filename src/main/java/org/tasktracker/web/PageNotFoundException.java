package org.tasktracker.web;

/**
 * A page of the web UI about something missing, or another user's: both look the same
 * ({@link PageProblems}).
 */
public class PageNotFoundException extends RuntimeException {

	public PageNotFoundException() {
		super(null, null, false, false);
	}

}
