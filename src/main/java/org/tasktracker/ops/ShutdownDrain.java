package org.tasktracker.ops;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The pause between "not ready" and "not accepting" on shutdown.
 * <p>
 * When the application context closes, Spring Boot first sets readiness to
 * {@link ReadinessState#REFUSING_TRAFFIC} ({@code /health/ready} answers 503), then stops
 * its lifecycle beans, highest phase first; the web server's graceful shutdown closes the
 * listening socket and waits for requests in flight. Behind a load balancer that polls
 * readiness, the two happen together: until its next check finds the 503, the balancer
 * keeps sending new connections to a socket that is closed. This bean stops in the phase
 * just above the web server's and holds the shutdown there for
 * {@code tasktracker.shutdown.drain-delay}, so the service goes on serving while the
 * balancer notices the 503 and moves its traffic elsewhere.
 */
@Component
class ShutdownDrain implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

	private final Duration delay;

	private final ApplicationAvailability availability;

	private volatile boolean running;

	ShutdownDrain(ShutdownProperties properties, ApplicationAvailability availability) {
		this.delay = properties.drainDelay();
		this.availability = availability;
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Waits out the drain delay, only when the context is closing: Boot has then already
	 * published {@code REFUSING_TRAFFIC}. A context that is merely stopped (the test
	 * framework pauses the contexts it caches) keeps its readiness and does not wait.
	 */
	@Override
	public void stop() {
		this.running = false;
		if (this.delay.isPositive() && this.availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC) {
			log.info("Not ready; serving for {} more before refusing connections", this.delay);
			try {
				Thread.sleep(this.delay);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
	}

}
