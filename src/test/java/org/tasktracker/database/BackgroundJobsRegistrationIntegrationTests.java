package org.tasktracker.database;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's own background jobs, as the running application registers them. (The
 * annotations match the other web tests', so that this class shares their context.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class BackgroundJobsRegistrationIntegrationTests {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void everyCleanUpIsOneJobSharedByAllInstances() {
		var jobs = this.jdbc
			.sql("SELECT task_name FROM scheduled_tasks WHERE task_name IN "
					+ "('idempotency-key-cleanup', 'tombstone-purge', 'web-session-cleanup') ORDER BY task_name")
			.query(String.class)
			.list();

		assertThat(jobs).containsExactly("idempotency-key-cleanup", "tombstone-purge", "web-session-cleanup");
	}

}
