package org.tasktracker.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Listens on one PostgreSQL notification channel ({@code LISTEN}) through a connection of
 * its own, outside the pool, so that the requests waiting for a notification hold no
 * connection. Each notification's payload goes to {@code onPayload}. When the connection
 * is lost it is opened again, a second later and then every second while the database
 * cannot be reached; {@code onGap} is told each time listening (re)starts, because
 * notifications sent while nobody listened are lost.
 */
public final class NotificationListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

	/**
	 * How long one wait for notifications blocks before the loop checks it should stop.
	 */
	private static final int POLL_MILLIS = 500;

	private static final long RECONNECT_MILLIS = 1000;

	private final DataSource dataSource;

	private final String channel;

	private final Consumer<String> onPayload;

	private final Runnable onGap;

	private volatile boolean running;

	private volatile boolean listening;

	private Thread thread;

	/**
	 * @param channel a plain identifier: it is written into {@code LISTEN} as it is
	 */
	public NotificationListener(DataSource dataSource, String channel, Consumer<String> onPayload, Runnable onGap) {
		if (!channel.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Not a plain channel name: " + channel);
		}
		this.dataSource = dataSource;
		this.channel = channel;
		this.onPayload = onPayload;
		this.onGap = onGap;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = Thread.ofPlatform().daemon().name("listen-" + this.channel).start(this::listen);
	}

	@Override
	public void stop() {
		this.running = false;
		this.listening = false;
		Thread listening = this.thread;
		if (listening != null) {
			listening.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Whether every notification sent from now on reaches {@code onPayload}: the
	 * connection is open and listening.
	 */
	public boolean listening() {
		return this.listening;
	}

	private void listen() {
		boolean warned = false;
		while (this.running) {
			try (Connection connection = connect()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + this.channel);
				}
				if (warned) {
					log.info("Listening on {} again", this.channel);
					warned = false;
				}
				this.listening = true;
				this.onGap.run();
				PGConnection listening = connection.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] notifications = listening.getNotifications(POLL_MILLIS);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							this.onPayload.accept(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				this.listening = false;
				if (!this.running) {
					return;
				}
				if (!warned) {
					log.warn("Not listening on {}: {}; trying again every second", this.channel, ex.getMessage());
					warned = true;
				}
				this.onGap.run();
				try {
					Thread.sleep(RECONNECT_MILLIS);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/** A connection like the pool's, not taken from it. */
	private Connection connect() throws SQLException {
		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		Properties properties = new Properties();
		properties.putAll(pool.getDataSourceProperties());
		if (pool.getUsername() != null) {
			properties.setProperty("user", pool.getUsername());
		}
		if (pool.getPassword() != null) {
			properties.setProperty("password", pool.getPassword());
		}
		properties.setProperty("ApplicationName", "tasktracker-listen");
		return DriverManager.getConnection(pool.getJdbcUrl(), properties);
	}

}
