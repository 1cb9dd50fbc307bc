package org.tasktracker.task;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which listings the service runs in a transaction: a page that comes in one fetch is
 * read without one (a round trip less), search or not; a page of more than one fetch,
 * which must stream, runs in one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Unused here, but it makes this class's context the one most HTTP tests share.
@AutoConfigureRestTestClient
class TaskListTransactionIntegrationTests {

	@Autowired
	private TaskService service;

	@ParameterizedTest(name = "search {0}, limit {1}: in a transaction {2}")
	@CsvSource({ "false, 1, false", "false, 100, false", "true, 100, false", "false, 101, true", "false, 1000, true",
			"true, 1000, true" })
	void listsInATransactionOnlyWhereThePageNeedsOne(boolean search, int limit, boolean inTransaction) {
		String marker = TaskFixtures.uniqueMarker();
		List<Long> created = List.of(create(marker + " a"), create(marker + " b"));
		// Every task after the one before ours is ours: nothing else writes meanwhile.
		TaskListQuery query = new TaskListQuery(null, search ? marker : null, limit, created.get(0) - 1, false);
		TransactionRecordingPage page = new TransactionRecordingPage();

		this.service.list(Account.LOCAL_ID, query, page);

		assertThat(page.ids()).isEqualTo((limit == 1) ? created.subList(0, 1) : created);
		assertThat(page.inTransaction).isEqualTo(inTransaction);
	}

	private long create(String title) {
		return this.service.create(Account.LOCAL_ID, TaskFixtures.aNewTask(title)).id();
	}

	/** Notes whether a transaction was open when the page began. */
	private static final class TransactionRecordingPage implements TaskPageSink {

		private final CollectedPage page = new CollectedPage();

		private boolean inTransaction;

		@Override
		public void begin() {
			this.inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
			this.page.begin();
		}

		@Override
		public void add(Task task) {
			this.page.add(task);
		}

		@Override
		public void end(@Nullable Long nextAfter) {
			this.page.end(nextAfter);
		}

		List<Long> ids() {
			return this.page.ids();
		}

	}

}
