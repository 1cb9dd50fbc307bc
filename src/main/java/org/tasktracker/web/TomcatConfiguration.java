package org.tasktracker.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Replaces Tomcat's HTML error report with {@link ProblemErrorReportValve}, and serves
 * requests on virtual threads unless {@code tasktracker.http.virtual-threads} is off.
 * Runs after Spring Boot's own customizer, which installs a plain
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
