package org.tasktracker.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Replaces Tomcat's HTML error report with {@link ProblemErrorReportValve}, serves
 * requests on virtual threads unless {@code tasktracker.http.virtual-threads} is off, and
 * leaves encoded slashes and backslashes in paths for Spring Security's firewall to
 * judge. Runs after Spring Boot's own customizer, which installs a plain
 * {@link ErrorReportValve}.
 * <p>
 * Virtual threads are switched here rather than through Spring Boot's
 * {@code spring.threads.virtual.enabled}: Boot applies that through a condition, which
 * Spring AOT settles when the jar is built, so the setting would be ignored at run time.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final boolean virtualThreads;

	TomcatConfiguration(WebProperties properties) {
		this.virtualThreads = properties.virtualThreads();
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		if (this.virtualThreads) {
			factory.addProtocolHandlerCustomizers(
					(handler) -> handler.setExecutor(new VirtualThreadExecutor("tomcat-handler-")));
		}
		// A label's name may hold / and \ (contract v3, "Labels in paths"), sent as %2F
		// and %5C inside its one path segment. Tomcat would refuse %2F, and decode %5C to
		// a backslash that it then refuses. Passed through (and %25 with them, so that
		// nothing is decoded twice) they stay inside their segment, which Spring MVC and
		// Spring Security's matchers decode from the raw path. Spring Security's firewall
		// then decides which paths may carry them: the label routes only
		// (task.LabelPaths); every other path is refused there, as Tomcat refused it.
		// Never "decode": Tomcat would then resolve /labels/x%2F..%2F..%2Fusers to
		// /users.
		factory.addConnectorCustomizers((connector) -> {
			connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
			connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
		});
		factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve) {
						host.getPipeline().removeValve(valve);
					}
				}
				// The host adds its error report valve, by class name, when it starts.
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		});
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
