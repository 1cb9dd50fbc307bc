package org.tasktracker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The packaged service run as a child process, the way the README and the container image
 * run it: {@code java -Dspring.aot.enabled=true -jar}, on the application context that
 * Spring AOT worked out at build time, with settings from the environment. The JVM
 * compiles with C1 only, which changes how fast the service runs, not what it does.
 */
public final class ServiceProcess implements AutoCloseable {

	/** The service's ready line, with the port it took. */
	private static final Pattern READY = Pattern.compile("TaskTracker is ready: open http://[^:/]+:(\\d+)/");

	private static final Pattern EMBEDDED_DATABASE = Pattern
		.compile("Embedded PostgreSQL listening on localhost:(\\d+)");

	private final Process process;

	private final Path log;

	private final int port;

	private ServiceProcess(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts the jar named by the {@code tasktracker.jar} system property on a port of
	 * its own choosing, read from its ready line, and waits until {@code /health} answers
	 * 200. A port picked here and handed over would be free only until some other process
	 * took it: the tests start several services at once, each with its own PostgreSQL.
	 */
	public static ServiceProcess start(Path dataDir, Path log, Map<String, String> environment) {
		ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().put("PORT", "0");
		builder.environment().put("TASKTRACKER_DATA_DIR", dataDir.toString());
		builder.environment().putAll(environment);
		// The log may hold an earlier run's lines: only a ready line after them counts.
		long earlier = length(log);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			// Both waits, the ready line's and health's, end if the child exits.
			ConditionFactory whileAlive = Awaitility.await()
				.atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(100))
				.failFast("the service exited", () -> !process.isAlive());
			int port = whileAlive.until(() -> loggedPort(READY, readFrom(log, earlier)), (found) -> found > 0);
			ServiceProcess service = new ServiceProcess(process, log, port);
			RestTestClient client = service.client();
			whileAlive.ignoreExceptions()
				.until(() -> client.get().uri("/health").exchange().returnResult().getStatus().value() == 200);
			return service;
		}
		catch (RuntimeException ex) {
			// Not handed to the test, so no one else would stop it: it would go on using
			// the cores the tests beside it share.
			process.destroyForcibly();
			String output = read(log);
			throw new IllegalStateException("The service did not become healthy; its log ends:\n"
					+ output.substring(Math.max(0, output.length() - 4000)), ex);
		}
	}

	/** The port that {@code line} finds in the output, or 0 while there is none. */
	private static int loggedPort(Pattern line, String output) {
		Matcher found = line.matcher(output);
		return found.find() ? Integer.parseInt(found.group(1)) : 0;
	}

	private static long length(Path log) {
		try {
			return Files.exists(log) ? Files.size(log) : 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path log) {
		return readFrom(log, 0);
	}

	/** The log from byte {@code start} on, where an earlier run's lines ended. */
	private static String readFrom(Path log, long start) {
		try {
			byte[] bytes = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
			int from = (int) Math.min(start, bytes.length);
			return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The command line that runs the jar named by the {@code tasktracker.jar} system
	 * property, with this JVM's {@code java}.
	 */
	public static List<String> command() {
		String jar = System.getProperty("tasktracker.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("Run through 'mvn verify': system property tasktracker.jar must name the "
					+ "packaged service, was " + jar);
		}
		String java = ProcessHandle.current().info().command().orElse("java");
		// C1 only: each child serves a few hundred requests, and compiling for the long
		// run with C2 took more of every start than anything the service does
		// (docs/testing.md, "Suite time").
		return List.of(java, "-XX:TieredStopAtLevel=1", "-Dspring.aot.enabled=true", "-jar", jar);
	}

	public int port() {
		return this.port;
	}

	/**
	 * The port its embedded PostgreSQL chose, as the service logged it, or 0 when it runs
	 * on another database.
	 */
	public int embeddedDatabasePort() {
		return loggedPort(EMBEDDED_DATABASE, log());
	}

	public RestTestClient client() {
		return Responses.clientFor(this.port);
	}

	public Process process() {
		return this.process;
	}

	public String log() {
		return read(this.log);
	}

	/** SIGKILL: no shutdown hook, no draining, nothing flushed. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	/** SIGTERM, then waits for the process to exit. */
	public int terminate(Duration timeout) throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Service did not exit within " + timeout + " of SIGTERM");
		}
		return this.process.exitValue();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			terminate(Duration.ofSeconds(60));
		}
	}

}
