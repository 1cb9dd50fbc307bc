package org.tasktracker.task;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting syncs are woken for their owner only, by every owner a payload lists. */
class SyncWaitersUnitTests {

	private static final Duration LONG = Duration.ofMinutes(5);

	private final SyncWaiters waiters = new SyncWaiters();

	@Test
	void aPayloadWakesTheWaitersOfEachOwnerItListsAndNoOther() throws Exception {
		try (SyncWaiters.Waiter seven = this.waiters.subscribe(7);
				SyncWaiters.Waiter eight = this.waiters.subscribe(8);
				SyncWaiters.Waiter nine = this.waiters.subscribe(9)) {
			this.waiters.changed("7,x,9");

			assertThat(seven.await(LONG)).isTrue();
			assertThat(nine.await(LONG)).isTrue();
			assertThat(eight.await(Duration.ZERO)).as("not listed").isFalse();
			assertThat(this.waiters.waiting()).isEqualTo(3);
		}
		assertThat(this.waiters.waiting()).isZero();
	}

	@Test
	void aWakeBeforeTheWaitIsNotLostAndCountsOnce() throws Exception {
		try (SyncWaiters.Waiter waiter = this.waiters.subscribe(1)) {
			this.waiters.changed("1");
			this.waiters.changed("1");

			assertThat(waiter.await(LONG)).isTrue();
			assertThat(waiter.await(Duration.ZERO)).isFalse();
		}
	}

	@Test
	void pastTheMostWaitingARequestGetsNoWaiterUntilOneEnds() {
		java.util.List<SyncWaiters.Waiter> held = new java.util.ArrayList<>();
		for (int i = 0; i < SyncWaiters.MAX_WAITING; i++) {
			held.add(this.waiters.subscribe(i % 3));
		}

		assertThat(held).doesNotContainNull();
		assertThat(this.waiters.subscribe(1)).as("one too many").isNull();
		assertThat(this.waiters.waiting()).isEqualTo(SyncWaiters.MAX_WAITING);
		held.get(0).close();
		assertThat(this.waiters.subscribe(1)).isNotNull();
	}

	@Test
	void closingWakesEveryWaiterAndSaysSo() throws Exception {
		try (SyncWaiters.Waiter waiter = this.waiters.subscribe(1)) {
			CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
				try {
					return waiter.await(LONG);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			});

			this.waiters.close();

			assertThat(woken.get(1, TimeUnit.MINUTES)).isTrue();
			assertThat(this.waiters.closing()).isTrue();
		}
	}

}
