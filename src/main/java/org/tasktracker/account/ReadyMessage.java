package org.tasktracker.account;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The last line of the start log: the address to open and how to get in, so that a
 * newcomer who ran one command does not have to read the configuration to find the page.
 */
@Component
class ReadyMessage implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(ReadyMessage.class);

	private final AccountProperties properties;

	ReadyMessage(AccountProperties properties) {
		this.properties = properties;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext context)
				|| context.getWebServer() == null) {
			return;
		}
		String url = "http://" + host(event.getApplicationContext().getEnvironment()) + ":"
				+ context.getWebServer().getPort() + "/";
		logger.info(message(url));
	}

	String message(String url) {
		String start = "TaskTracker is ready: open " + url + " (the API is at " + url + "tasks, its document at " + url
				+ "docs). ";
		return start + switch (this.properties.mode()) {
			case LOCAL -> "AUTH_MODE=local: from this machine you are the user 'local' without signing in; "
					+ "other machines must sign in.";
			case OFF -> "AUTH_MODE=off: every request without credentials acts as the user 'local'.";
			case REQUIRED -> (this.properties.adminUsername() != null)
					? "AUTH_MODE=required: sign in as '" + this.properties.adminUsername()
							+ "' with ADMIN_PASSWORD, or as any account an admin made."
					: "AUTH_MODE=required: sign in with an account an admin made.";
		};
	}

	/** The configured address, or loopback when the server listens on every address. */
	private static String host(Environment environment) {
		String address = environment.getProperty("server.address");
		if (address == null || address.isBlank()) {
			return "127.0.0.1";
		}
		try {
			InetAddress inet = InetAddress.getByName(address);
			if (inet.isAnyLocalAddress()) {
				return "127.0.0.1";
			}
			return (inet instanceof Inet6Address) ? "[" + inet.getHostAddress() + "]" : inet.getHostAddress();
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

}
