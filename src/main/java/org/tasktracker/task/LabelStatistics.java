package org.tasktracker.task;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which labels PostgreSQL's statistics know: those that {@code ANALYZE} found often
 * enough in its sample of the tasks to list among their most common labels. The planner
 * weighs such a label by its share and plans a page filtered by it well; of any other
 * label it knows nothing, and guesses. A page asks here which of the two it has
 * ({@code TaskRepository.labelledRows}). The list is read again after
 * {@link #REREAD_NANOS}: statistics change only when the table is analysed, and a stale
 * answer costs a slower plan, never a wrong page.
 */
final class LabelStatistics {

	private static final long REREAD_NANOS = 60_000_000_000L;

	private final JdbcClient jdbc;

	/**
	 * What was read last, or null before the first question and after {@link #forget}.
	 */
	private volatile @Nullable Known known;

	LabelStatistics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether the statistics list every one of these labels (by their keys). */
	boolean allKnown(List<String> labelKeys) {
		Known current = this.known;
		long now = System.nanoTime();
		if (current == null || now - current.readAt > REREAD_NANOS) {
			current = new Known(read(), now);
			this.known = current;
		}
		return current.labels.containsAll(labelKeys);
	}

	/** Forgets what was read, so that the next question reads the statistics again. */
	void forget() {
		this.known = null;
	}

	private Set<String> read() {
		return Set.copyOf(this.jdbc.sql("""
				SELECT unnest(most_common_elems::text::text[]) FROM pg_stats
				WHERE schemaname = current_schema() AND tablename = 'tasks' AND attname = 'label_keys'
				""").query(String.class).list());
	}

	private record Known(Set<String> labels, long readAt) {
	}

}
