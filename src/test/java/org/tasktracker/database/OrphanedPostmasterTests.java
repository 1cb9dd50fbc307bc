package org.tasktracker.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a start does about the process that a leftover {@code postmaster.pid} names: it
 * stops only the data directory's own PostgreSQL, never a process it cannot prove to be
 * that one. Stand-ins for PostgreSQL are copies of {@code sleep} named {@code postgres}.
 */
class OrphanedPostmasterTests {

	@TempDir
	Path temp;

	private Path dataDir;

	private final List<Process> started = new ArrayList<>();

	@BeforeEach
	void createDataDirectory() throws IOException {
		this.dataDir = Files.createDirectory(this.temp.resolve("data"));
	}

	@AfterEach
	void stopStandIns() {
		this.started.forEach(Process::destroyForcibly);
	}

	@Test
	void stopsThePostgresThatTheLockFileDescribes() throws Exception {
		Process postgres = run(programNamed("postgres"));
		writeLockFile(postgres.pid(), this.dataDir, startOf(postgres));

		EmbeddedDatabase.OrphanedPostmaster.stopIfRunning(this.dataDir.toFile());

		assertThat(postgres.isAlive()).isFalse();
	}

	@Test
	void leavesAProcessThatIsNotPostgresAlone() throws Exception {
		Process other = run(Path.of("/bin/sleep"));
		writeLockFile(other.pid(), this.dataDir, startOf(other));

		EmbeddedDatabase.OrphanedPostmaster.stopIfRunning(this.dataDir.toFile());

		assertThat(other.isAlive()).isTrue();
	}

	@Test
	void leavesAPostgresThatStartedAtAnotherTimeAlone() throws Exception {
		// the recorded pid was reused by a process that started long after
		Process reused = run(programNamed("postgres"));
		writeLockFile(reused.pid(), this.dataDir, startOf(reused).minus(Duration.ofHours(1)));

		EmbeddedDatabase.OrphanedPostmaster.stopIfRunning(this.dataDir.toFile());

		assertThat(reused.isAlive()).isTrue();
	}

	@Test
	void leavesAPostgresOfAnotherDataDirectoryAlone() throws Exception {
		Process elsewhere = run(programNamed("postgres"));
		writeLockFile(elsewhere.pid(), Files.createDirectory(this.temp.resolve("other")), startOf(elsewhere));

		EmbeddedDatabase.OrphanedPostmaster.stopIfRunning(this.dataDir.toFile());

		assertThat(elsewhere.isAlive()).isTrue();
	}

	@Test
	void ignoresALockFileItCannotRead() throws Exception {
		Process postgres = run(programNamed("postgres"));
		Files.writeString(this.dataDir.resolve("postmaster.pid"), postgres.pid() + "\n");

		EmbeddedDatabase.OrphanedPostmaster.stopIfRunning(this.dataDir.toFile());

		assertThat(postgres.isAlive()).isTrue();
	}

	private Path programNamed(String name) throws IOException {
		Path bin = Files.createDirectories(this.temp.resolve("bin"));
		Path program = Files.copy(Path.of("/bin/sleep"), bin.resolve(name));
		assertThat(program.toFile().setExecutable(true)).isTrue();
		return program;
	}

	private Process run(Path program) throws IOException {
		Process process = new ProcessBuilder(program.toString(), "60").start();
		this.started.add(process);
		return process;
	}

	private static Instant startOf(Process process) {
		return process.info().startInstant().orElseThrow();
	}

	/** The first lines of PostgreSQL's own lock file: pid, data directory, start time. */
	private void writeLockFile(long pid, Path dataDirectory, Instant started) throws IOException {
		Files.writeString(this.dataDir.resolve("postmaster.pid"),
				pid + "\n" + dataDirectory + "\n" + started.getEpochSecond() + "\n5432\n/tmp\nlocalhost\n");
	}

}
