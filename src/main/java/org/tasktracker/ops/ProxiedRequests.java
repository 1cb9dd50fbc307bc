package org.tasktracker.ops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.catalina.valves.ValveBase;
import org.tasktracker.web.RequestFilter;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps a request that came through a proxy recognisable as proxied when the service
 * honours forwarded headers ({@code server.forward-headers-strategy=native}).
 * <p>
 * Tomcat's {@link RemoteIpValve} takes the client's address from {@code X-Forwarded-For}
 * and, when every address in it is a trusted proxy (its default trusts loopback and the
 * private ranges), removes the header. A request whose header named a loopback address (a
 * client on the proxy's own machine, or any client of a proxy that passes on what the
 * client sent) then reaches the application from "127.0.0.1" with no trace of the proxy,
 * and {@code AUTH_MODE=local} would let it act as the local user. A valve just before
 * Tomcat's notes the header as it arrived, and a filter ahead of Spring Security shows it
 * to the application again, so such a request still needs credentials; the client's
 * address stays the one the valve worked out.
 * <p>
 * Both are in place whatever the setting: with it off there is no {@code RemoteIpValve},
 * and Spring AOT would settle a condition on the setting when the jar is built.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProxiedRequests extends RequestFilter {

	private static final String ARRIVED_WITH = ProxiedRequests.class.getName() + ".header";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getAttribute(ARRIVED_WITH) instanceof ForwardedHeader header
				&& request.getHeader(header.name()) == null) {
			chain.doFilter(new WithForwardedHeader(request, header), response);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	/** Puts a {@link ForwardedHeaderNote} before Tomcat's {@link RemoteIpValve}. */
	@Component
	static class ValveCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			List<Valve> valves = new ArrayList<>();
			for (Valve valve : factory.getEngineValves()) {
				if (valve instanceof RemoteIpValve remoteIp) {
					valves.add(new ForwardedHeaderNote(remoteIp.getRemoteIpHeader()));
				}
				valves.add(valve);
			}
			factory.setEngineValves(valves);
		}

		/** After Spring Boot's own customizer, which adds the {@link RemoteIpValve}. */
		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/** The client address header as the proxy sent it. */
	private record ForwardedHeader(String name, String value) {
	}

	/** Notes the client address header before {@link RemoteIpValve} may remove it. */
	private static final class ForwardedHeaderNote extends ValveBase {

		private final String header;

		private ForwardedHeaderNote(String header) {
			super(true);
			this.header = header;
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			String value = request.getHeader(this.header);
			if (value != null) {
				request.setAttribute(ARRIVED_WITH, new ForwardedHeader(this.header, value));
			}
			getNext().invoke(request, response);
		}

	}

	private static final class WithForwardedHeader extends HttpServletRequestWrapper {

		private final ForwardedHeader header;

		private WithForwardedHeader(HttpServletRequest request, ForwardedHeader header) {
			super(request);
			this.header = header;
		}

		@Override
		public String getHeader(String name) {
			return this.header.name().equalsIgnoreCase(name) ? this.header.value() : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return this.header.name().equalsIgnoreCase(name) ? Collections.enumeration(List.of(this.header.value()))
					: super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.add(this.header.name());
			return Collections.enumeration(names);
		}

	}

}
