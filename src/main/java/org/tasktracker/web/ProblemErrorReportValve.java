package org.tasktracker.web;

import java.io.IOException;
import java.io.Writer;
import java.util.regex.Pattern;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;

/**
 * Tomcat's own error report (for requests it refuses before Spring sees them, such as a
 * request line with characters not allowed in a URL) as a problem response instead of an
 * HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	/** RFC 3986's characters of a path, percent-encoding included. */
	private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9\\-._~%!$&'()*+,;=:@/]{0,2000}");

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String title = StringManager.getManager(ErrorReportValve.class).getString("http." + status + ".reason");
		if (title == null || title.startsWith("Cannot find message")) {
			title = "Error";
		}
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				String detail = (status == 400)
						? ",\"detail\":\"The request is malformed (for example, a URL with characters "
								+ "that must be percent-encoded)\""
						: "";
				String path = request.getRequestURI();
				// The path as it came, when it is one (its characters need no escaping in
				// JSON); a request line Tomcat could not read may have none.
				String instance = (path != null && PATH.matcher(path).matches()) ? ",\"instance\":\"" + path + "\""
						: "";
				writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + detail
						+ instance + "}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response already started; nothing more to say
		}
	}

}
