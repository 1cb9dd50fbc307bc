package org.tasktracker.database;

import java.io.IOException;
import java.time.Duration;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.StringUtils;

/**
 * The connection pool: to the configured PostgreSQL ({@code DATABASE_URL} or
 * {@code spring.datasource.url}), or to an embedded PostgreSQL started when none is
 * configured.
 * <p>
 * The choice is made in the bean methods when the service starts, not by a condition on
 * the configuration class: Spring AOT, which the recommended launch uses, settles every
 * condition when the jar is built, and would then start the embedded database even with
 * {@code DATABASE_URL} set.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	/** How late after it falls due a job may start: db-scheduler's default. */
	private static final Duration JOBS_POLLING_INTERVAL = Duration.ofSeconds(10);

	@Bean(destroyMethod = "close")
	EmbeddedDatabase embeddedDatabase(DataSourceProperties dataSource, EmbeddedDatabaseProperties embedded)
			throws IOException {
		return StringUtils.hasText(dataSource.getUrl()) ? EmbeddedDatabase.none() : EmbeddedDatabase.start(embedded);
	}

	/**
	 * Built as Spring Boot builds it, from {@code spring.datasource.*}, and then bound to
	 * {@code spring.datasource.hikari.*}; Boot's own pool backs off for this bean. Every
	 * connection it opens limits each statement to
	 * {@code tasktracker.database.statement-timeout}, so that no request can keep the
	 * database busy for long.
	 */
	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(DataSourceProperties dataSource, EmbeddedDatabase embedded,
			DatabaseProperties properties) {
		HikariDataSource pool = pool(dataSource, embedded);
		pool.setConnectionInitSql("SET statement_timeout = " + properties.statementTimeout().toMillis());
		return pool;
	}

	/** The background jobs that the modules declare with {@link BackgroundJobs#every}. */
	@Bean
	BackgroundJobs backgroundJobs(DataSource dataSource, ObjectProvider<RecurringTask<?>> jobs) {
		return new BackgroundJobs(dataSource, jobs.orderedStream().toList(), JOBS_POLLING_INTERVAL);
	}

	/** Every transaction of the service: see {@link Transactions}. */
	@Bean
	Transactions transactions(PlatformTransactionManager transactionManager) {
		return new Transactions(transactionManager);
	}

	private static HikariDataSource pool(DataSourceProperties dataSource, EmbeddedDatabase embedded) {
		return embedded.jdbcUrl().map((url) -> {
			HikariDataSource pool = new HikariDataSource();
			pool.setJdbcUrl(url);
			pool.setUsername(EmbeddedDatabase.USER);
			return pool;
		}).orElseGet(() -> {
			HikariDataSource pool = dataSource.initializeDataSourceBuilder().type(HikariDataSource.class).build();
			if (StringUtils.hasText(dataSource.getName())) {
				pool.setPoolName(dataSource.getName());
			}
			return pool;
		});
	}

}
