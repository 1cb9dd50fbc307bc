package org.tasktracker.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * How creates are gathered into statements, with the repository mocked: the
 * {@value CreateBatcher#MAX_STATEMENTS} statements the batcher allows are held open, so
 * that the next creates have to wait, and then let go.
 */
class CreateBatcherUnitTests {

	private static final int WAITING = 5;

	private final TaskRepository repository = mock(TaskRepository.class);

	private final CreateBatcher batcher = new CreateBatcher(this.repository);

	private final AtomicLong ids = new AtomicLong();

	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch busy = new CountDownLatch(CreateBatcher.MAX_STATEMENTS);

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	@BeforeEach
	void holdTheBusyCreatesInTheDatabase() {
		given(this.repository.create(any())).willAnswer((invocation) -> {
			NewTask task = invocation.getArgument(0);
			if (task.title().startsWith("busy")) {
				this.busy.countDown();
				this.release.await();
			}
			if (task.title().startsWith("refused")) {
				throw new DataIntegrityViolationException("refused");
			}
			return taskFor(task);
		});
	}

	@AfterEach
	void stop() {
		this.release.countDown();
		this.threads.shutdownNow();
	}

	@Test
	void writesALoneCreateAlone() {
		Task task = this.batcher.create(new NewTask("alone", "quiet"));

		assertThat(task.title()).isEqualTo("alone");
		assertThat(task.description()).isEqualTo("quiet");
		verify(this.repository, never()).createAll(any());
	}

	@Test
	void writesTheCreatesThatWaitedInOneStatementAndGivesEachItsOwnTask() throws Exception {
		given(this.repository.createAll(any())).willAnswer((invocation) -> {
			List<NewTask> tasks = invocation.getArgument(0);
			return tasks.stream().map(this::taskFor).toList();
		});

		List<Future<Task>> busyCreates = startBusyCreates();
		List<Future<Task>> waiting = startWaitingCreates("waiting");
		this.release.countDown();

		ArgumentCaptor<List<NewTask>> statement = listCaptor();
		for (int i = 0; i < WAITING; i++) {
			assertThat(waiting.get(i).get(10, TimeUnit.SECONDS).title()).isEqualTo("waiting " + i);
		}
		verify(this.repository).createAll(statement.capture());
		assertThat(statement.getValue()).extracting(NewTask::title)
			.containsExactlyInAnyOrder("waiting 0", "waiting 1", "waiting 2", "waiting 3", "waiting 4");
		for (Future<Task> create : busyCreates) {
			assertThat(create.get(10, TimeUnit.SECONDS).title()).startsWith("busy");
		}
	}

	@Test
	void aFailedStatementFailsEveryCreateInIt() throws Exception {
		DataAccessResourceFailureException away = new DataAccessResourceFailureException("database away");
		given(this.repository.createAll(any())).willThrow(away);

		startBusyCreates();
		List<Future<Task>> waiting = startWaitingCreates("waiting");
		this.release.countDown();

		for (Future<Task> create : waiting) {
			assertThat(failureOf(create)).isSameAs(away);
		}
	}

	@Test
	void dataThatPostgresRefusesFailsOnlyItsOwnCreate() throws Exception {
		given(this.repository.createAll(any())).willThrow(new DataIntegrityViolationException("one row refused"));

		startBusyCreates();
		List<Future<Task>> waiting = startWaitingCreates("fine");
		Future<Task> refused = this.threads.submit(() -> this.batcher.create(new NewTask("refused", null)));
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.batcher.queued() == WAITING + 1);
		this.release.countDown();

		assertThat(failureOf(refused)).isInstanceOf(DataIntegrityViolationException.class);
		for (int i = 0; i < WAITING; i++) {
			assertThat(waiting.get(i).get(10, TimeUnit.SECONDS).title()).isEqualTo("fine " + i);
		}
		verify(this.repository).create(new NewTask("refused", null));
	}

	/** Fills every statement the batcher allows with a create that waits for release. */
	private List<Future<Task>> startBusyCreates() throws InterruptedException {
		List<Future<Task>> creates = new ArrayList<>();
		for (int i = 0; i < CreateBatcher.MAX_STATEMENTS; i++) {
			NewTask task = new NewTask("busy " + i, null);
			creates.add(this.threads.submit(() -> this.batcher.create(task)));
		}
		assertThat(this.busy.await(10, TimeUnit.SECONDS)).isTrue();
		return creates;
	}

	private List<Future<Task>> startWaitingCreates(String title) {
		List<Future<Task>> creates = new ArrayList<>();
		for (int i = 0; i < WAITING; i++) {
			NewTask task = new NewTask(title + " " + i, null);
			creates.add(this.threads.submit(() -> this.batcher.create(task)));
		}
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.batcher.queued() == WAITING);
		return creates;
	}

	private Task taskFor(NewTask task) {
		Instant now = Instant.now();
		return new Task(this.ids.incrementAndGet(), task.title(), task.description(), false, now, now, null);
	}

	private static Throwable failureOf(Future<Task> create) throws InterruptedException {
		try {
			create.get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (TimeoutException ex) {
			throw new AssertionError("the create did not end", ex);
		}
		throw new AssertionError("the create succeeded");
	}

	@SuppressWarnings("unchecked")
	private static ArgumentCaptor<List<NewTask>> listCaptor() {
		return ArgumentCaptor.forClass((Class<List<NewTask>>) (Class<?>) List.class);
	}

}
