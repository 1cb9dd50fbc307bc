package org.tasktracker.recurrence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RecurrenceRuleTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			FREQ=DAILY                                      | FREQ=DAILY
			FREQ=WEEKLY                                     | FREQ=WEEKLY
			FREQ=MONTHLY                                    | FREQ=MONTHLY
			FREQ=YEARLY                                     | FREQ=YEARLY
			freq=daily;interval=2                           | FREQ=DAILY;INTERVAL=2
			FREQ=DAILY;INTERVAL=1                           | FREQ=DAILY
			FREQ=DAILY;INTERVAL=1000                        | FREQ=DAILY;INTERVAL=1000
			FREQ=WEEKLY;BYDAY=TH,MO                         | FREQ=WEEKLY;BYDAY=MO,TH
			FREQ=WEEKLY;BYDAY=mo,Mo,MO                      | FREQ=WEEKLY;BYDAY=MO
			FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU          | FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU
			FREQ=MONTHLY;BYDAY=3FR                          | FREQ=MONTHLY;BYDAY=3FR
			FREQ=MONTHLY;BYDAY=-1SU                         | FREQ=MONTHLY;BYDAY=-1SU
			FREQ=MONTHLY;BYDAY=+2TU,-5MO                    | FREQ=MONTHLY;BYDAY=-5MO,2TU
			FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1   | FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1
			FREQ=YEARLY;BYDAY=20MO                          | FREQ=YEARLY;BYDAY=20MO
			FREQ=YEARLY;BYDAY=-53SU                         | FREQ=YEARLY;BYDAY=-53SU
			FREQ=MONTHLY;BYMONTHDAY=15                      | FREQ=MONTHLY;BYMONTHDAY=15
			FREQ=MONTHLY;BYMONTHDAY=-1,1,31,-31             | FREQ=MONTHLY;BYMONTHDAY=-31,-1,1,31
			FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR             | FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR
			FREQ=YEARLY;BYMONTH=12,1;BYMONTHDAY=25          | FREQ=YEARLY;BYMONTH=1,12;BYMONTHDAY=25
			FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU                | FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
			FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29              | FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29
			FREQ=YEARLY;BYMONTH=3;BYSETPOS=366              | FREQ=YEARLY;BYMONTH=3;BYSETPOS=366
			FREQ=MONTHLY;BYMONTHDAY=1,15;BYSETPOS=-366      | FREQ=MONTHLY;BYMONTHDAY=1,15;BYSETPOS=-366
			COUNT=10;FREQ=DAILY                             | FREQ=DAILY;COUNT=10
			FREQ=DAILY;COUNT=1                              | FREQ=DAILY;COUNT=1
			FREQ=DAILY;COUNT=1000                           | FREQ=DAILY;COUNT=1000
			FREQ=DAILY;UNTIL=20261231                       | FREQ=DAILY;UNTIL=20261231
			FREQ=DAILY;UNTIL=20261231t235959z               | FREQ=DAILY;UNTIL=20261231T235959Z
			FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=su      | FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU
			FREQ=WEEKLY;WKST=MO                             | FREQ=WEEKLY
			'  FREQ=DAILY  '                                | FREQ=DAILY
			""")
	void acceptsTheSubsetAndGivesItsCanonicalText(String value, String canonical) {
		RecurrenceRule rule = RecurrenceRule.parse(value);

		assertThat(rule.text()).isEqualTo(canonical);
		assertThat(RecurrenceRule.parse(rule.text())).isEqualTo(rule);
	}

	@Test
	void givesItsCountOnlyWhenItHasOne() {
		assertThat(RecurrenceRule.parse("FREQ=DAILY;COUNT=7").count()).hasValue(7);
		assertThat(RecurrenceRule.parse("FREQ=DAILY;UNTIL=20261231").count()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					FREQ=HOURLY                               | FREQ   | FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY
					FREQ=SECONDLY                             | FREQ   | FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY
					FREQ=                                     |        | Each part of the rule must be NAME=VALUE, which "FREQ=" is not
					INTERVAL=2                                | FREQ   | FREQ is required
					FREQ=DAILY;FREQ=WEEKLY                    | FREQ   | FREQ is given more than once
					FREQ=DAILY;BYHOUR=9                       | BYHOUR | BYHOUR is not supported
					FREQ=DAILY;BYMINUTE=30                    | BYMINUTE | BYMINUTE is not supported
					FREQ=DAILY;BYSECOND=0                     | BYSECOND | BYSECOND is not supported
					FREQ=YEARLY;BYWEEKNO=20                   | BYWEEKNO | BYWEEKNO is not supported
					FREQ=YEARLY;BYYEARDAY=100                 | BYYEARDAY | BYYEARDAY is not supported
					FREQ=DAILY;X-NAME=1                       | X-NAME | X-NAME is not supported
					FREQ=DAILY;COLOUR=red                     |        | "COLOUR" is not a recurrence rule part
					FREQ=DAILY;COUNT=0                        | COUNT  | COUNT must be 1-1000
					FREQ=DAILY;COUNT=1001                     | COUNT  | COUNT must be 1-1000
					FREQ=DAILY;COUNT=-1                       | COUNT  | COUNT must be 1-1000
					FREQ=DAILY;COUNT=99999999999999           | COUNT  | COUNT must be 1-1000
					FREQ=DAILY;COUNT=5;UNTIL=20261231         | COUNT  | COUNT and UNTIL cannot both be given
					FREQ=DAILY;INTERVAL=0                     | INTERVAL | INTERVAL must be 1-1000
					FREQ=DAILY;INTERVAL=1001                  | INTERVAL | INTERVAL must be 1-1000
					FREQ=DAILY;INTERVAL=two                   | INTERVAL | INTERVAL must be 1-1000
					FREQ=MONTHLY;BYMONTHDAY=32                | BYMONTHDAY | BYMONTHDAY must be -31..-1 or 1..31
					FREQ=MONTHLY;BYMONTHDAY=0                 | BYMONTHDAY | BYMONTHDAY must be -31..-1 or 1..31
					FREQ=MONTHLY;BYMONTHDAY=-32               | BYMONTHDAY | BYMONTHDAY must be -31..-1 or 1..31
					FREQ=MONTHLY;BYMONTHDAY=1,,2              | BYMONTHDAY | BYMONTHDAY must be -31..-1 or 1..31
					FREQ=WEEKLY;BYMONTHDAY=1                  | BYMONTHDAY | BYMONTHDAY cannot be used with WEEKLY
					FREQ=YEARLY;BYMONTH=13                    | BYMONTH | BYMONTH must be 1-12
					FREQ=YEARLY;BYMONTH=-1                    | BYMONTH | BYMONTH must be 1-12
					FREQ=DAILY;BYDAY=MO                       | BYDAY  | BYDAY cannot be used with DAILY
					FREQ=WEEKLY;BYDAY=1MO                     | BYDAY  | BYDAY with WEEKLY takes days without a number
					FREQ=WEEKLY;BYDAY=MONDAY                  | BYDAY  | BYDAY must list days (MO, TU, WE, TH, FR, SA or SU), each with an optional number such as 3FR or -1SU
					FREQ=MONTHLY;BYDAY=6MO                    | BYDAY  | BYDAY numbers must be -5..-1 or 1..5 with MONTHLY
					FREQ=MONTHLY;BYDAY=0MO                    | BYDAY  | BYDAY numbers must be -5..-1 or 1..5 with MONTHLY
					FREQ=YEARLY;BYDAY=54MO                    | BYDAY  | BYDAY numbers must be -53..-1 or 1..53 with YEARLY
					FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=1       | BYDAY  | BYDAY with a number cannot be combined with BYMONTHDAY
					FREQ=MONTHLY;BYSETPOS=1                   | BYSETPOS | BYSETPOS needs BYDAY, BYMONTHDAY or BYMONTH as well
					FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367        | BYSETPOS | BYSETPOS must be -366..-1 or 1..366
					FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0          | BYSETPOS | BYSETPOS must be -366..-1 or 1..366
					FREQ=DAILY;UNTIL=2026-12-31               | UNTIL  | UNTIL must be a date (20261231) or a UTC date-time (20261231T235959Z)
					FREQ=DAILY;UNTIL=20261231T235959          | UNTIL  | UNTIL must be a date (20261231) or a UTC date-time (20261231T235959Z)
					FREQ=DAILY;UNTIL=20260230                 | UNTIL  | UNTIL must be a date (20261231) or a UTC date-time (20261231T235959Z)
					FREQ=DAILY;UNTIL=20261231T240000Z         | UNTIL  | UNTIL must be a date (20261231) or a UTC date-time (20261231T235959Z)
					FREQ=WEEKLY;WKST=XX                       | WKST   | WKST must be MO, TU, WE, TH, FR, SA or SU
					FREQ=DAILY;;COUNT=2                       |        | The rule has an empty part: two semicolons in a row or one at an end
					FREQ=DAILY;                               |        | The rule has an empty part: two semicolons in a row or one at an end
					RRULE:FREQ=DAILY                          |        | "RRULE:FREQ" is not a recurrence rule part
					hello world                               |        | Each part of the rule must be NAME=VALUE, which "hello world" is not
					'   '                                     |        | The rule is empty
					""")
	void refusesAnythingElseNamingThePart(String value, String part, String message) {
		assertThatExceptionOfType(RuleRefusedException.class).isThrownBy(() -> RecurrenceRule.parse(value))
			.withMessage(message)
			.satisfies((refused) -> assertThat(refused.part()).isEqualTo(part));
	}

	@Test
	void refusesAValueOverFiveHundredCharacters() {
		String value = "FREQ=WEEKLY;BYDAY=" + "MO,".repeat(170) + "TU";

		assertThat(value).hasSizeGreaterThan(500);
		assertThatExceptionOfType(RuleRefusedException.class).isThrownBy(() -> RecurrenceRule.parse(value))
			.withMessage("The rule is longer than 500 characters");
	}

	@Test
	void refusesNothing() {
		assertThatExceptionOfType(RuleRefusedException.class).isThrownBy(() -> RecurrenceRule.parse(null))
			.withMessage("The rule is empty");
	}

	@Test
	void quotesGarbageShortAndPrintable() {
		assertThatExceptionOfType(RuleRefusedException.class)
			.isThrownBy(() -> RecurrenceRule.parse("FREQ=DAILY;\u0000\u0001garbagegarbagegarbagegarbage"))
			.withMessage("Each part of the rule must be NAME=VALUE, which \"??garbagegarbagegarb...\" is not");
	}

}
