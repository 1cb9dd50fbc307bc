package org.tasktracker.web;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.MapperFeature;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * JSON handling: strict parsing, the contract's timestamps, no XML; and the mapping of
 * requests to controller methods ({@link PathFirstHandlerMapping}).
 */
@Configuration(proxyBeanMethods = false)

class WebConfiguration {

	/**
	 * A body that names a field twice is ambiguous: refuse it as malformed JSON. Every
	 * timestamp is written as the contract has it ({@link TimestampSerializer}).
	 */
	@Bean
	JsonMapperBuilderCustomizer apiJson() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.addModule(TimestampSerializer.module())
			// Problem bodies read type, title, status, detail, instance: declaration
			// order.
			.disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY);
	}

	@Bean
	WebMvcRegistrations pathFirstMapping() {
		return new WebMvcRegistrations() {

			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new PathFirstHandlerMapping();
			}

		};
	}

	/**
	 * No JAXB: the API speaks JSON, and the JAXB converter (there because the OpenAPI
	 * library brings JAXB along) looked up annotations on every response to answer that
	 * it could not write it.
	 */
	@Bean
	ServerHttpMessageConvertersCustomizer withoutJaxb() {
		return (builder) -> builder.configureMessageConvertersList(
				(converters) -> converters.removeIf(Jaxb2RootElementHttpMessageConverter.class::isInstance));
	}

	/**
	 * JSON answers sent with their length ({@link SizedJsonMessageConverter}), with the
	 * mapper Spring Boot configured.
	 */
	@Bean
	ServerHttpMessageConvertersCustomizer sizedJson() {
		return (builder) -> builder.configureMessageConvertersList((converters) -> converters
			.replaceAll((converter) -> (converter instanceof JacksonJsonHttpMessageConverter json)
					? new SizedJsonMessageConverter(json.getMapper()) : converter));
	}

}
