package org.tasktracker.recurrence;

import org.jspecify.annotations.Nullable;

/**
 * A recurrence rule the service does not accept. The message is one plain sentence that
 * names the offending part, written to be shown to whoever typed or sent the rule.
 */
public class RuleRefusedException extends IllegalArgumentException {

	private final @Nullable String part;

	RuleRefusedException(@Nullable String part, String message) {
		super(message);
		this.part = part;
	}

	/**
	 * The rule part the message is about ({@code FREQ}, {@code BYDAY}...), or null when
	 * the refusal concerns the rule as a whole (empty, too long, not {@code NAME=VALUE}).
	 * @return the part's upper-case name, or null
	 */
	public @Nullable String part() {
		return this.part;
	}

}
