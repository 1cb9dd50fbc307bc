package org.tasktracker.database;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts every Hikari pool, the configured one or the embedded database's, behind an
 * {@link ArrivalOrderDataSource}.
 */
@Configuration(proxyBeanMethods = false)
class ArrivalOrderConfiguration {

	/** How many requests wait for a pooled connection, as a gauge. */
	@Bean
	MeterBinder connectionWaiters(DataSource dataSource) {
		return (registry) -> {
			if (dataSource instanceof ArrivalOrderDataSource arrivalOrder) {
				Gauge.builder("tasktracker.database.connections.waiting", arrivalOrder, ArrivalOrderDataSource::waiting)
					.description("Requests waiting, in arrival order, for a pooled connection")
					.register(registry);
			}
		};
	}

	@Bean
	static BeanPostProcessor arrivalOrderDataSources() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof HikariDataSource pool) {
					return new ArrivalOrderDataSource(pool, pool.getMaximumPoolSize(),
							Duration.ofMillis(pool.getConnectionTimeout()));
				}
				return bean;
			}

		};
	}

}
