package org.tasktracker.ops;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service leaves a load balancer when it is told to stop.
 *
 * @param drainDelay how long after SIGTERM the service still serves every request while
 * {@code /health/ready} answers 503, so that a load balancer's health check takes it out
 * of rotation before it stops accepting connections; zero stops accepting at once
 */
@ConfigurationProperties("tasktracker.shutdown")
record ShutdownProperties(@DefaultValue("0s") Duration drainDelay) {
}
