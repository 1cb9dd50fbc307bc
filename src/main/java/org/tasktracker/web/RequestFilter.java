package org.tasktracker.web;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.GenericFilterBean;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter that works on a request's own dispatch only, as {@link OncePerRequestFilter}
 * does by default (it skips the error and async dispatches), told by the dispatch's type
 * rather than by request attributes.
 * <p>
 * {@code OncePerRequestFilter} marks each request with an attribute of its own, read, set
 * and removed through every request wrapper of the chain, which showed in the profile of
 * an API request with some twenty such filters (docs/performance.md). Spring Boot
 * registers a filter bean of this kind for the {@code REQUEST} dispatch only, and in
 * Spring Security's chains only one chain runs for a request: neither runs such a filter
 * twice in one dispatch.
 */
public abstract class RequestFilter extends GenericFilterBean {

	@Override
	public final void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request.getDispatcherType() != DispatcherType.REQUEST
				|| !(request instanceof HttpServletRequest httpRequest)
				|| !(response instanceof HttpServletResponse httpResponse) || shouldNotFilter(httpRequest)) {
			chain.doFilter(request, response);
			return;
		}
		doFilterInternal(httpRequest, httpResponse, chain);
	}

	/** Whether this request passes by untouched; by default, none does. */
	protected boolean shouldNotFilter(HttpServletRequest request) throws ServletException {
		return false;
	}

	protected abstract void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws ServletException, IOException;

}
