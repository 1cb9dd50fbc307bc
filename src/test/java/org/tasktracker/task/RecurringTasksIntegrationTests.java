package org.tasktracker.task;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tasktracker.support.Responses;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;

/**
 * Recurring tasks over HTTP (contract v3, part C): completing moves the due, records the
 * completion and never skips an occurrence; reopen undoes; the rules refuse what is
 * outside the subset.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class RecurringTasksIntegrationTests {

	private static final String ZONE = "Europe/London";

	@Autowired
	private RestTestClient client;

	@Autowired
	private TaskLifecycle lifecycle;

	@Autowired
	private TransactionOperations transactions;

	@Autowired
	private JdbcClient jdbc;

	private TreeAndOrderApi api;

	private LocalDate today;

	@BeforeEach
	void setUp() {
		this.api = new TreeAndOrderApi(this.client, ZONE);
		this.today = LocalDate.now(ZoneId.of(ZONE));
	}

	private long daily(String rule, LocalDate due) {
		return this.api.createId("""
				{"title": "Water the plants", "due": {"date": "%s"}, "recurrence": {"rule": "%s"}}
				""".formatted(due, rule));
	}

	@Test
	void completingMovesTheDueToTheNextOccurrenceAndRecordsTheCompletion() {
		long id = daily("FREQ=DAILY", this.today);

		JsonNode task = this.api.expect(200, "POST", "/tasks/" + id + "/complete", null);

		assertThat(task.get("completed").booleanValue()).isFalse();
		assertThat(task.get("completed_at").isNull()).isTrue();
		assertThat(task.get("due").get("date").stringValue()).isEqualTo(this.today.plusDays(1).toString());
		assertThat(task.get("recurrence").get("rule").stringValue()).isEqualTo("FREQ=DAILY");
		assertThat(task.get("recurrence").get("from").stringValue()).isEqualTo("due");
		JsonNode completions = this.api.expect(200, "GET", "/tasks/" + id + "/completions", null);
		assertThat(completions).hasSize(1);
		assertThat(completions.get(0).get("due").get("date").stringValue()).isEqualTo(this.today.toString());
		assertThat(completions.get(0).get("completed_at").stringValue()).endsWith("Z");
	}

	@Test
	void anOverdueTaskCompletedTodayIsNextDueTomorrowNotTheDayAfterItsOldDue() {
		long id = daily("FREQ=DAILY", this.today.minusDays(5));

		JsonNode task = this.api.expect(200, "POST", "/tasks/" + id + "/complete", null);

		assertThat(task.get("due").get("date").stringValue()).isEqualTo(this.today.plusDays(1).toString());
	}

	@Test
	void reopenUndoesTheLastCompletion() {
		long id = daily("FREQ=DAILY", this.today);
		this.api.expect(200, "POST", "/tasks/" + id + "/complete", null);

		JsonNode task = this.api.expect(200, "POST", "/tasks/" + id + "/reopen", null);

		assertThat(task.get("due").get("date").stringValue()).isEqualTo(this.today.toString());
		assertThat(task.get("completed").booleanValue()).isFalse();
		assertThat(this.api.expect(200, "GET", "/tasks/" + id + "/completions", null)).isEmpty();
		JsonNode again = this.api.expect(200, "POST", "/tasks/" + id + "/reopen", null);
		assertThat(again.get("due").get("date").stringValue()).as("a second reopen has nothing to undo")
			.isEqualTo(this.today.toString());
	}

	@Test
	void countEndsTheSeriesAndTheLastCompletionCompletesForGood() {
		long id = daily("FREQ=DAILY;COUNT=2", this.today);

		JsonNode first = this.api.expect(200, "POST", "/tasks/" + id + "/complete", null);
		JsonNode second = this.api.expect(200, "POST", "/tasks/" + id + "/complete", null);

		assertThat(first.get("completed").booleanValue()).isFalse();
		assertThat(second.get("completed").booleanValue()).isTrue();
		assertThat(second.get("due").get("date").stringValue()).isEqualTo(this.today.plusDays(1).toString());
		assertThat(this.api.expect(200, "GET", "/tasks/" + id + "/completions", null)).hasSize(2);
	}

	@Test
	void theSameRuleOrDueSentAgainDoesNotStartTheCountAgain() {
		long id = daily("FREQ=DAILY;COUNT=2", this.today);
		this.api.expect(200, "POST", "/tasks/" + id + "/complete", null);
		JsonNode before = this.api.task(id);

		JsonNode resent = this.api.expect(200, "PATCH", "/tasks/" + id, """
				{"recurrence": {"rule": "freq=daily;count=2", "from": "due"}, "due": {"date": "%s"}}
				""".formatted(this.today.plusDays(1)));

		assertThat(resent.get("version")).as("nothing changed").isEqualTo(before.get("version"));
		JsonNode last = this.api.expect(200, "POST", "/tasks/" + id + "/complete", null);
		assertThat(last.get("completed").booleanValue()).as("the second of two occurrences").isTrue();
		assertThat(this.api.expect(200, "GET", "/tasks/" + id + "/completions", null)).hasSize(2);

		long other = daily("FREQ=DAILY;COUNT=2", this.today);
		this.api.expect(200, "POST", "/tasks/" + other + "/complete", null);
		this.api.expect(200, "PATCH", "/tasks/" + other, """
				{"recurrence": {"rule": "FREQ=DAILY;COUNT=2;INTERVAL=2"}}
				""");
		assertThat(this.api.expect(200, "POST", "/tasks/" + other + "/complete", null).get("completed").booleanValue())
			.as("another rule counts from its due again")
			.isFalse();
	}

	@Test
	void aPatchOfRecurrenceKeepsTheMembersItLeavesOut() {
		long id = this.api.createId("""
				{"title": "Descale", "due": {"date": "%s"}, "recurrence": {"rule": "FREQ=DAILY", "from": "completion"}}
				""".formatted(this.today));

		JsonNode weekly = this.api.expect(200, "PATCH", "/tasks/" + id, """
				{"recurrence": {"rule": "FREQ=WEEKLY"}}
				""");
		assertThat(weekly.get("recurrence").get("rule").stringValue()).isEqualTo("FREQ=WEEKLY");
		assertThat(weekly.get("recurrence").get("from").stringValue()).isEqualTo("completion");

		JsonNode fromDue = this.api.expect(200, "PATCH", "/tasks/" + id, """
				{"recurrence": {"from": "due"}}
				""");
		assertThat(fromDue.get("recurrence").get("rule").stringValue()).isEqualTo("FREQ=WEEKLY");
		assertThat(fromDue.get("recurrence").get("from").stringValue()).isEqualTo("due");

		this.api.expect(200, "PATCH", "/tasks/" + id, """
				{"recurrence": {"from": "completion"}}
				""");
		JsonNode fromNull = this.api.expect(200, "PATCH", "/tasks/" + id, """
				{"recurrence": {"rule": "FREQ=WEEKLY", "from": null}}
				""");
		assertThat(fromNull.get("recurrence").get("from").stringValue()).as("null removes it: the default")
			.isEqualTo("due");

		long plain = this.api.createId("{\"title\": \"Plain\", \"due\": {\"date\": \"%s\"}}".formatted(this.today));
		assertInvalid(this.api.send("PATCH", "/tasks/" + plain, """
				{"title": "Changed", "recurrence": {"from": "completion"}}
				"""), "/tasks/" + plain, "recurrence.rule");
		assertThat(this.api.task(plain).get("title").stringValue()).isEqualTo("Plain");
		assertThat(this.api.task(plain).get("recurrence").isNull()).isTrue();
	}

	@Test
	void fromCompletionCountsTheNextDueFromTheDayOfCompletion() {
		long id = this.api.createId(
				"""
						{"title": "Descale", "due": {"date": "%s"}, "recurrence": {"rule": "FREQ=DAILY;INTERVAL=3", "from": "completion"}}
						"""
					.formatted(this.today.minusDays(10)));

		JsonNode task = this.api.expect(200, "POST", "/tasks/" + id + "/complete", null);

		assertThat(task.get("due").get("date").stringValue()).isEqualTo(this.today.plusDays(3).toString());
	}

	@Test
	void aDueAtATimeKeepsItsKind() {
		long id = this.api.createId("""
				{"title": "Stand-up", "due": {"datetime": "%sT09:00:00Z"}, "recurrence": {"rule": "FREQ=DAILY"}}
				""".formatted(this.today.minusDays(2)));

		JsonNode task = this.api.expect(200, "POST", "/tasks/" + id + "/complete", null);

		assertThat(task.get("due").has("date")).isFalse();
		assertThat(task.get("due").get("datetime").stringValue()).endsWith(":00:00Z");
	}

	@Test
	void aTimeTheSpringGapMovedGoesOnAtItsOwnTimeTheDayAfter() {
		// The next night the owner's clocks skip an hour, far enough ahead that each
		// completion moves the due on from the due itself.
		ZoneId zone = ZoneId.of(ZONE);
		ZoneOffsetTransition gap = zone.getRules().nextTransition(Instant.now().plus(Duration.ofDays(2)));
		while (!gap.isGap()) {
			gap = zone.getRules().nextTransition(gap.getInstant());
		}
		LocalDateTime skipped = gap.getDateTimeBefore().plusMinutes(30);
		long id = this.api.createId("""
				{"title": "Feed the cat", "due": {"datetime": "%s"}, "recurrence": {"rule": "FREQ=DAILY"}}
				""".formatted(skipped.minusDays(1).atZone(zone).toInstant()));

		JsonNode inTheGap = this.api.expect(200, "POST", "/tasks/" + id + "/complete", null);
		JsonNode after = this.api.expect(200, "POST", "/tasks/" + id + "/complete", null);

		assertThat(inTheGap.get("due").get("datetime").stringValue()).as("later by the gap that night")
			.isEqualTo(skipped.atZone(zone).toInstant().toString());
		assertThat(after.get("due").get("datetime").stringValue()).as("back at the series' own time")
			.isEqualTo(skipped.plusDays(1).atZone(zone).toInstant().toString());
	}

	@Test
	void aCompletionThatLostTheRaceForItsOccurrenceAdvancesNothing() throws Exception {
		long id = daily("FREQ=DAILY", this.today);
		long owner = this.jdbc.sql("SELECT owner_id FROM tasks WHERE id = :id")
			.param("id", id)
			.query(Long.class)
			.single();
		CountDownLatch firstAdvanced = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			// The first completion advances and holds its transaction open; the second
			// reads
			// the same occurrence meanwhile, and its write waits for the first's lock.
			Future<?> first = pool.submit(() -> this.transactions.executeWithoutResult((status) -> {
				this.lifecycle.complete(owner, id);
				firstAdvanced.countDown();
				await(releaseFirst);
			}));
			await(firstAdvanced);
			Future<Optional<Task>> second = pool
				.submit(() -> this.transactions.execute((status) -> this.lifecycle.complete(owner, id)));
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> this.jdbc.sql("""
					SELECT count(*) FROM pg_stat_activity
					WHERE wait_event_type = 'Lock' AND query LIKE '%recurrence_index = %'
					""").query(Integer.class).single() > 0);
			releaseFirst.countDown();
			first.get();

			assertThat(second.get().orElseThrow().due().date()).isEqualTo(this.today.plusDays(1).toString());
		}
		finally {
			releaseFirst.countDown();
			pool.shutdown();
		}
		assertThat(this.api.task(id).get("due").get("date").stringValue()).isEqualTo(this.today.plusDays(1).toString());
		assertThat(this.api.expect(200, "GET", "/tasks/" + id + "/completions", null)).hasSize(1);
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aRetriedCompletionWithTheSameKeyReplaysTheFirstAnswer() {
		long id = daily("FREQ=DAILY", this.today);
		ExchangeResult first = this.client.post()
			.uri("/tasks/" + id + "/complete")
			.header("Authorization", this.api.bearer)
			.header("Idempotency-Key", "complete-once")
			.exchange()
			.returnResult();
		ExchangeResult repeat = this.client.post()
			.uri("/tasks/" + id + "/complete")
			.header("Authorization", this.api.bearer)
			.header("Idempotency-Key", "complete-once")
			.exchange()
			.returnResult();

		assertThat(Responses.json(repeat)).isEqualTo(Responses.json(first));
		assertThat(repeat.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(this.api.task(id).get("due").get("date").stringValue()).isEqualTo(this.today.plusDays(1).toString());
	}

	@Test
	void completedWithRecurrenceNullEndsTheSeriesAndCompletes() {
		long id = daily("FREQ=DAILY", this.today);

		JsonNode task = this.api.expect(200, "PATCH", "/tasks/" + id, """
				{"completed": true, "recurrence": null}
				""");

		assertThat(task.get("completed").booleanValue()).isTrue();
		assertThat(task.get("recurrence").isNull()).isTrue();
		assertThat(task.get("due").get("date").stringValue()).isEqualTo(this.today.toString());
	}

	@Test
	void clearingTheDueClearsTheRecurrence() {
		long id = daily("FREQ=WEEKLY", this.today);

		JsonNode task = this.api.expect(200, "PATCH", "/tasks/" + id, "{\"due\": null}");

		assertThat(task.get("recurrence").isNull()).isTrue();
	}

	@Test
	void aRecurrenceWithoutADueIsRefusedAndChangesNothing() {
		assertInvalid(this.api.send("POST", "/tasks", """
				{"title": "Someday", "recurrence": {"rule": "FREQ=DAILY"}}
				"""), "/tasks", "recurrence");
		long id = this.api.createId("{\"title\": \"No due\"}");

		assertInvalid(this.api.send("PATCH", "/tasks/" + id, """
				{"title": "Changed", "recurrence": {"rule": "FREQ=DAILY"}}
				"""), "/tasks/" + id, "recurrence");
		assertThat(this.api.task(id).get("title").stringValue()).isEqualTo("No due");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "FREQ=HOURLY", "FREQ=DAILY;BYHOUR=9", "FREQ=DAILY;COUNT=0", "FREQ=DAILY;COUNT=2;UNTIL=20271231",
					"FREQ=DAILY;INTERVAL=0", "FREQ=MONTHLY;BYMONTHDAY=32", "garbage", "", "FREQ=WEEKLY;WKST=MO",
					"freq=weekly;interval=2;byday=mo,su;wkst=su", "freq=da\u0131ly", "FREQ=WEEKLY;BYDAY=\u017Fu" })
	void aRuleOutsideTheSubsetIsRefusedNamingTheRule(String rule) {
		ExchangeResult response = this.api.send("POST", "/tasks", """
				{"title": "Bad rule", "due": {"date": "2026-12-01"}, "recurrence": {"rule": "%s"}}
				""".formatted(rule));

		JsonNode problem = assertInvalid(response, "/tasks", "recurrence.rule");
		assertThat(problem.get("errors").get(0).get("message").stringValue()).isNotBlank();
	}

	@Test
	void aWeekStartIsRefusedOnAChangeAndChangesNothing() {
		long id = daily("FREQ=WEEKLY", this.today);

		JsonNode problem = assertInvalid(this.api.send("PATCH", "/tasks/" + id, """
				{"recurrence": {"rule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU"}}
				"""), "/tasks/" + id, "recurrence.rule");

		assertThat(problem.get("errors").get(0).get("message").stringValue()).contains("WKST");
		assertThat(this.api.task(id).get("recurrence").get("rule").stringValue()).isEqualTo("FREQ=WEEKLY");
	}

	@Test
	void namesAndValuesAreCaseInsensitive() {
		JsonNode task = this.api.create("""
				{"title": "Weekly", "due": {"date": "2026-12-07"}, "recurrence": {"rule": "freq=weekly;interval=2"}}
				""");

		assertThat(task.get("recurrence").get("rule").stringValue()).contains("FREQ=WEEKLY").contains("INTERVAL=2");
	}

	@Test
	void anotherUsersTaskHasNoCompletionsToRead() {
		long id = daily("FREQ=DAILY", this.today);
		TreeAndOrderApi other = new TreeAndOrderApi(this.client, "UTC");

		other.expect(404, "GET", "/tasks/" + id + "/completions", null);
		other.expect(404, "POST", "/tasks/" + id + "/complete", null);
		other.expect(404, "POST", "/tasks/" + id + "/reopen", null);
		assertThat(this.api.task(id).get("due").get("date").stringValue()).isEqualTo(this.today.toString());
	}

}
