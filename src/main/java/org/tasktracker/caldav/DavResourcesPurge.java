package org.tasktracker.caldav;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tasktracker.database.BackgroundJobs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A client's name for a deleted task is kept while a sync token may still need it (as
 * long as the task's tombstone), then deleted, hourly, on one instance at a time: without
 * it, every task ever deleted through CalDAV would keep its row.
 */
@Configuration(proxyBeanMethods = false)
class DavResourcesPurge {

	private static final Logger log = LoggerFactory.getLogger(DavResourcesPurge.class);

	@Bean
	RecurringTask<Void> davResourcesPurgeJob(DavResources resources) {
		return BackgroundJobs.every("caldav-resources-purge", Duration.ofHours(1), () -> purge(resources));
	}

	static void purge(DavResources resources) {
		int purged = resources.purgeForgotten();
		if (purged > 0) {
			log.info("Deleted the CalDAV names of {} tasks deleted before their tombstones' retention", purged);
		}
	}

}
