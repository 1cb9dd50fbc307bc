package org.tasktracker.recurrence;

import java.util.OptionalInt;

public final class RecurrenceRule {

	final String text;

	final int interval;

	final String freq;

	final OptionalInt count;

	private RecurrenceRule(String text, String freq, int interval, OptionalInt count) {
		this.text = text;
		this.freq = freq;
		this.interval = interval;
		this.count = count;
	}

	public static RecurrenceRule parse(String value) {
		String upper = value.toUpperCase(java.util.Locale.ROOT);
		String freq = null;
		int interval = 1;
		OptionalInt count = OptionalInt.empty();
		for (String part : upper.split(";")) {
			String[] kv = part.split("=");
			if (kv.length != 2) {
				throw new RuleRefusedException("garbage");
			}
			switch (kv[0]) {
				case "FREQ" -> freq = kv[1];
				case "INTERVAL" -> interval = Integer.parseInt(kv[1]);
				case "COUNT" -> count = OptionalInt.of(Integer.parseInt(kv[1]));
				default -> throw new RuleRefusedException(kv[0] + " is not supported");
			}
		}
		if (!"DAILY".equals(freq) && !"WEEKLY".equals(freq)) {
			throw new RuleRefusedException("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
		}
		return new RecurrenceRule(upper, freq, interval, count);
	}

	public String text() {
		return this.text;
	}

	public OptionalInt count() {
		return this.count;
	}

}
