package org.tasktracker.task;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tasktracker.support.ProblemAssert.assertInvalid;

/**
 * Reminders over HTTP (contract v3, part C): stored and answered as given, at most five,
 * a reminder before the due only with a due.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class RemindersIntegrationTests {

	@Autowired
	private RestTestClient client;

	private TreeAndOrderApi api;

	@BeforeEach
	void setUp() {
		this.api = new TreeAndOrderApi(this.client, "UTC");
	}

	@Test
	void storesAndAnswersRemindersBeforeTheDueAndAtAnInstant() {
		JsonNode task = this.api.create("""
				{"title": "Dentist", "due": {"datetime": "2026-12-10T09:00:00+01:00"},
				 "reminders": [{"before": "PT15M"}, {"at": "2026-12-09T20:00:00+01:00"}, {"before": "pt15m"},
				               {"before": "PT900S"}, {"at": "2026-12-09T19:00:00Z"}, {"before": "PT1H"},
				               {"before": "PT60M"}, {"before": "P1D"}, {"before": "PT2H"}]}
				""");

		assertThat(task.get("reminders")).as("five once each given twice is kept once").hasSize(5);
		assertThat(task.get("reminders").get(0).get("before").stringValue()).isEqualTo("PT15M");
		assertThat(task.get("reminders").get(0).has("at")).isFalse();
		assertThat(task.get("reminders").get(1).get("at").stringValue()).isEqualTo("2026-12-09T19:00:00Z");
		assertThat(this.api.task(task.get("id").longValue()).get("reminders")).isEqualTo(task.get("reminders"));
	}

	@Test
	void clearingTheDueDropsTheRemindersBeforeItAndKeepsTheOthers() {
		long id = this.api.createId("""
				{"title": "Call", "due": {"date": "2026-12-10"},
				 "reminders": [{"before": "P1D"}, {"at": "2026-12-09T08:00:00Z"}]}
				""");

		JsonNode task = this.api.expect(200, "PATCH", "/tasks/" + id, "{\"due\": null}");

		assertThat(task.get("reminders")).hasSize(1);
		assertThat(task.get("reminders").get(0).get("at").stringValue()).isEqualTo("2026-12-09T08:00:00Z");
	}

	@Test
	void aReminderBeforeTheDueNeedsADue() {
		assertInvalid(this.api.send("POST", "/tasks", """
				{"title": "No due", "reminders": [{"before": "PT5M"}]}
				"""), "/tasks", "reminders");
		long id = this.api.createId("{\"title\": \"No due\"}");
		assertInvalid(this.api.send("PATCH", "/tasks/" + id, """
				{"title": "Changed", "reminders": [{"before": "PT5M"}]}
				"""), "/tasks/" + id, "reminders");
		assertThat(this.api.task(id).get("title").stringValue()).isEqualTo("No due");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[{\"before\": \"15 minutes\"}]", "[{\"before\": \"-PT5M\"}]", "[{\"before\": \"P400D\"}]",
			"[{\"before\": \"PT0.5S\"}]", "[{\"before\": \"PT1,5S\"}]", "[{\"before\": \"P1DT-2H\"}]",
			"[{\"before\": \"PT\"}]", "[{\"before\": \"P\"}]", "[{\"before\": \"PT15\u017F\"}]",
			"[{\"at\": \"2026-12-01T08:00:00\"}]", "[{\"at\": \"0000-12-31T23:00:00Z\"}]",
			"[{\"before\": \"PT5M\", \"at\": \"2026-12-01T08:00:00Z\"}]", "[{}]", "[\"PT5M\"]",
			"{\"before\": \"PT5M\"}",
			"[{\"before\": \"PT1M\"}, {\"before\": \"PT2M\"}, {\"before\": \"PT3M\"}, {\"before\": \"PT4M\"}, "
					+ "{\"before\": \"PT5M\"}, {\"before\": \"PT6M\"}]" })
	void aMalformedReminderIsRefusedNamingReminders(String reminders) {
		assertInvalid(this.api.send("POST", "/tasks", """
				{"title": "Bad", "due": {"date": "2026-12-10"}, "reminders": %s}
				""".formatted(reminders)), "/tasks", "reminders");
	}

}
