package org.tasktracker.recurrence;

public class RuleRefusedException extends RuntimeException {

	public RuleRefusedException(String message) {
		super(message);
	}

}
