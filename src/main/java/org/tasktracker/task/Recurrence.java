package org.tasktracker.task;

import java.time.LocalDate;
import java.time.ZoneOffset;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.tasktracker.recurrence.Anchor;
import org.tasktracker.recurrence.RecurrenceRule;
import org.tasktracker.recurrence.RuleRefusedException;
import org.tasktracker.recurrence.RuleWords;

/**
 * How a task repeats: an RFC 5545 RRULE of the accepted subset, in the canonical form the
 * service stores, and what the next due is counted from.
 *
 * @param rule the rule, such as {@code FREQ=WEEKLY;BYDAY=MO,TH}
 * @param from {@code due} or {@code completion}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Recurrence", description = "How the task repeats; completing it moves its due to the next occurrence")
record Recurrence(
		@Schema(requiredMode = RequiredMode.REQUIRED, example = "FREQ=WEEKLY;BYDAY=MO,TH",
				description = "An RFC 5545 RRULE: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, BYDAY, BYMONTHDAY, "
						+ "BYMONTH, BYSETPOS, COUNT or UNTIL") String rule,
		@Schema(requiredMode = RequiredMode.NOT_REQUIRED, allowableValues = {
				"due", "completion" }, defaultValue = "due",
				description = "Count the next due from the current due, or from the day of completion; a request "
						+ "may leave it out for due, an answer always has it") String from){

	static final String FROM_DUE = "due";

	static final String FROM_COMPLETION = "completion";

	boolean fromCompletion() {
		return FROM_COMPLETION.equals(this.from);
	}

	/**
	 * The rule as the web UI says it ("every Monday"), without what it counts from, which
	 * the pages say apart. A rule the recurrence module no longer reads is shown as
	 * stored.
	 */
	public String inWords() {
		try {
			return new RuleWords(LocalDate.now(ZoneOffset.UTC), ZoneOffset.UTC)
				.describe(RecurrenceRule.parse(this.rule), Anchor.DUE);
		}
		catch (RuleRefusedException ex) {
			return this.rule;
		}
	}

}
