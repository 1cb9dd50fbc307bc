package org.tasktracker.system;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts every Hikari pool, the configured one or the embedded database's, behind an
 * {@link ArrivalOrderDataSource}.
 */
@Configuration(proxyBeanMethods = false)
class ArrivalOrderConfiguration {

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
