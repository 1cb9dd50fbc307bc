package org.tasktracker.task;

import java.time.Duration;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tasktracker.database.BackgroundJobs;
import org.tasktracker.database.NotificationListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The change feed's long polls, woken through PostgreSQL's notifications (sent after each
 * request that may have written an owner's tasks or projects, on whichever instance), and
 * the purge of old tombstones.
 */
@Configuration(proxyBeanMethods = false)
class SyncConfiguration implements WebMvcConfigurer {

	static final String CHANNEL = "tasktracker_sync";

	private final ObjectProvider<SyncNotifications> notifications;

	SyncConfiguration(ObjectProvider<SyncNotifications> notifications) {
		this.notifications = notifications;
	}

	@Bean
	SyncWaiters syncWaiters(MeterRegistry meters) {
		SyncWaiters waiters = new SyncWaiters();
		Gauge.builder("tasktracker.sync.waiting", waiters, SyncWaiters::waiting)
			.description("GET /sync requests waiting for a change")
			.register(meters);
		return waiters;
	}

	@Bean
	NotificationListener syncListener(DataSource dataSource, SyncWaiters waiters) {
		return new NotificationListener(dataSource, CHANNEL, waiters::changed, waiters::wakeAll);
	}

	@Bean
	SyncNotifications syncNotifications(JdbcClient jdbc) {
		return new SyncNotifications(jdbc);
	}

	/**
	 * Before the web server's graceful shutdown waits for requests in flight: waiting
	 * syncs answer at once rather than at the end of their wait.
	 */
	@EventListener(ContextClosedEvent.class)
	void stopWaiting(ContextClosedEvent event) {
		event.getApplicationContext().getBean(SyncWaiters.class).close();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.notifications.getObject());
	}

	/**
	 * Deletes tombstones past their retention, every
	 * {@code tasktracker.sync.purge-interval}, on one instance at a time.
	 */
	@Bean
	RecurringTask<Void> tombstonePurgeJob(TombstonePurge purge, SyncProperties properties) {
		return BackgroundJobs.every("tombstone-purge", properties.purgeInterval(), purge::purge);
	}

	/** The tombstone purge's work. */
	@Component
	static class TombstonePurge {

		private static final Logger log = LoggerFactory.getLogger(TombstonePurge.class);

		private final SyncRepository sync;

		private final Duration retention;

		TombstonePurge(SyncRepository sync, SyncProperties properties) {
			this.sync = sync;
			this.retention = properties.tombstoneRetention();
		}

		void purge() {
			int purged = this.sync.purge(this.retention);
			if (purged > 0) {
				log.info("Deleted {} tombstones older than {}", purged, this.retention);
			}
		}

	}

}
