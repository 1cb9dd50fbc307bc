package org.tasktracker.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.RestTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Puts {@link OpenApiContract} into the {@code RestTestClient} of every test context, so
 * that every response an HTTP test receives is checked against the served document.
 * Registered for the tests only (in their {@code AutoConfiguration.imports}).
 */
@AutoConfiguration
public class OpenApiContractConfiguration {

	@Bean
	RestTestClientBuilderCustomizer openApiContract() {
		return (builder) -> builder.requestInterceptor(new OpenApiContract());
	}

}
