package org.tasktracker.task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Manual order keys, moved about as the service moves them: the moved task gets a key
 * between its new neighbours, a fresh id's key at the end, and every sibling a fresh id's
 * key when no key fits. After every move, sorting by (key, id) must give the order the
 * moves made.
 */
class PositionKeysUnitTests {

	private static final int SIBLINGS = 200;

	private static final int MOVES = 10_000;

	@Test
	void theIdBoundsOfAKeyAreTheIdsWhoseKeysSurroundIt() {
		Random random = new Random(37);
		List<String> keys = new ArrayList<>(List.of("0", "00000000000000ff1", "00000000000000ff", "00000000000000ff2",
				"z", "7fffffffffffffff1", "7fffffffffffffff2", "0000000000000000"));
		for (int i = 0; i < 2_000; i++) {
			long id = random.nextLong(1, 1L << 40);
			String key = Task.idPosition(id);
			keys.add(key);
			keys.add(PositionKeys.between(Task.idPosition(id - 1), key).orElseThrow());
			keys.add(PositionKeys.between(key, Task.idPosition(id + 1)).orElseThrow());
		}
		for (String key : keys) {
			long first = PositionKeys.firstIdFrom(key);
			long last = PositionKeys.lastIdUpTo(key);
			if (first < Long.MAX_VALUE) {
				assertThat(Task.idPosition(first)).as(key).isGreaterThanOrEqualTo(key);
			}
			if (first > 0) {
				assertThat(Task.idPosition(first - 1)).as(key).isLessThan(key);
			}
			if (last >= 0) {
				assertThat(Task.idPosition(last)).as(key).isLessThanOrEqualTo(key);
			}
			if (last < Long.MAX_VALUE) {
				assertThat(Task.idPosition(last + 1)).as(key).isGreaterThan(key);
			}
		}
		assertThat(PositionKeys.lastIdUpTo("0")).isEqualTo(-1);
		assertThat(PositionKeys.firstIdFrom("z")).isEqualTo(Long.MAX_VALUE);
		assertThat(PositionKeys.lastIdUpTo("z")).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void aKeyBetweenTwoSortsBetweenThem() {
		String first = Task.idPosition(1);
		String second = Task.idPosition(2);

		String between = PositionKeys.between(first, second).orElseThrow();
		String start = PositionKeys.between(null, first).orElseThrow();

		assertThat(between).isGreaterThan(first).isLessThan(second).doesNotEndWith("0");
		assertThat(start).isLessThan(first);
		assertThat(Task.idPosition(255)).isEqualTo("00000000000000ff1").isLessThan(Task.idPosition(256));
	}

	@Test
	void refusesKeysOutOfOrderOrWithATrailingZero() {
		assertThatIllegalArgumentException().isThrownBy(() -> PositionKeys.between("b", "a"));
		assertThatIllegalArgumentException().isThrownBy(() -> PositionKeys.between("a", "a"));
		assertThatIllegalArgumentException().isThrownBy(() -> PositionKeys.between("a", "b0"));
		assertThatIllegalArgumentException().isThrownBy(() -> PositionKeys.between(null, "a-"));
	}

	@Test
	void aSortOrderNeverReversesTheOrderOfKeys() {
		Random random = new Random(35);
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			keys.add(Task.idPosition(1 + random.nextInt(5_000_000)));
		}
		String low = Task.idPosition(41);
		String high = Task.idPosition(42);
		for (int i = 0; i < 30; i++) {
			low = PositionKeys.between(low, high).orElseThrow();
			keys.add(low);
		}
		keys.add(PositionKeys.between(null, Task.idPosition(1)).orElseThrow());
		keys.add("z".repeat(64));
		keys.add("0".repeat(63) + "1");
		keys.sort(null);

		for (int i = 1; i < keys.size(); i++) {
			assertThat(PositionKeys.sortOrder(keys.get(i))).as(keys.get(i - 1) + " < " + keys.get(i))
				.isGreaterThanOrEqualTo(PositionKeys.sortOrder(keys.get(i - 1)));
		}
		assertThat(PositionKeys.sortOrder("z".repeat(64))).isLessThan(1L << 60);
		assertThat(PositionKeys.sortOrder("0".repeat(63) + "1")).isPositive();
	}

	@Test
	void tasksNeverMovedHaveSortOrdersAsDistinctAsTheirIds() {
		assertThat(PositionKeys.sortOrder(Task.idPosition(1))).isLessThan(PositionKeys.sortOrder(Task.idPosition(2)));
		assertThat(PositionKeys.sortOrder(Task.idPosition(0xffff)))
			.isLessThan(PositionKeys.sortOrder(Task.idPosition(0x10000)));
		assertThat(PositionKeys.sortOrder(Task.idPosition(123_456_788)))
			.isLessThan(PositionKeys.sortOrder(Task.idPosition(123_456_789)));
		String first = Task.idPosition(7);
		String moved = PositionKeys.between(first, Task.idPosition(8)).orElseThrow();
		assertThat(PositionKeys.sortOrder(moved)).isBetween(PositionKeys.sortOrder(first) + 1,
				PositionKeys.sortOrder(Task.idPosition(8)) - 1);
	}

	@Test
	void keepsTheMovedOrderThroughRandomMoves() {
		Random random = new Random(20261206);
		Siblings siblings = new Siblings();
		int anchor = siblings.order.get(0);
		for (int move = 0; move < MOVES; move++) {
			int task = siblings.order.get(1 + random.nextInt(SIBLINGS - 1));
			siblings.remove(task);
			int index = switch (random.nextInt(4)) {
				case 0 -> 0;
				case 1 -> siblings.order.size();
				// again and again into the gap right after the same task
				case 2 -> siblings.order.indexOf(anchor) + 1;
				default -> random.nextInt(siblings.order.size() + 1);
			};
			siblings.insert(task, index);
			siblings.assertSound(move);
		}
		System.out.printf("%,d random moves over %d siblings: %d renumbers, longest key %d characters%n", MOVES,
				SIBLINGS, siblings.renumbers, siblings.longestKey);
	}

	@Test
	void renumbersRarelyWhenEveryMoveGoesRightAfterTheFirstTask() {
		Random random = new Random(7);
		Siblings siblings = new Siblings();
		for (int move = 0; move < MOVES; move++) {
			int first = siblings.order.get(0);
			int task = siblings.order.get(1 + random.nextInt(SIBLINGS - 1));
			siblings.remove(task);
			siblings.insert(task, siblings.order.indexOf(first) + 1);
			siblings.assertSound(move);
		}
		System.out.printf("%,d moves right after the first of %d siblings: %d renumbers, longest key %d characters%n",
				MOVES, SIBLINGS, siblings.renumbers, siblings.longestKey);
		assertThat(siblings.renumbers).isPositive().isLessThanOrEqualTo(MOVES / 100);
	}

	/** A list of siblings: the order as moved, and the keys that should sort to it. */
	private static final class Siblings {

		private final List<Integer> order = new ArrayList<>();

		private final Map<Integer, String> keys = new HashMap<>();

		/** The id sequence, which fresh keys are drawn from. */
		private long sequence;

		private int renumbers;

		private int longestKey;

		Siblings() {
			for (int task = 0; task < SIBLINGS; task++) {
				this.order.add(task);
				this.keys.put(task, Task.idPosition(++this.sequence));
			}
		}

		void remove(int task) {
			this.order.remove(Integer.valueOf(task));
		}

		void insert(int task, int index) {
			String before = (index > 0) ? this.keys.get(this.order.get(index - 1)) : null;
			if (index == this.order.size()) {
				this.order.add(task);
				this.keys.put(task, Task.idPosition(++this.sequence));
				return;
			}
			Optional<String> key = PositionKeys.between(before, this.keys.get(this.order.get(index)));
			if (key.isEmpty()) {
				for (int sibling : this.order) {
					this.keys.put(sibling, Task.idPosition(++this.sequence));
				}
				this.renumbers++;
				before = (index > 0) ? this.keys.get(this.order.get(index - 1)) : null;
				key = PositionKeys.between(before, this.keys.get(this.order.get(index)));
			}
			this.order.add(index, task);
			this.keys.put(task, key.orElseThrow());
		}

		void assertSound(int move) {
			List<Integer> byKey = new ArrayList<>(this.order);
			byKey.sort(Comparator.<Integer, String>comparing(this.keys::get).thenComparing(Comparator.naturalOrder()));
			assertThat(byKey).as("order by key after move %d", move).isEqualTo(this.order);
			assertThat(new HashSet<>(this.keys.values())).as("distinct keys after move %d", move).hasSize(SIBLINGS);
			for (String key : this.keys.values()) {
				this.longestKey = Math.max(this.longestKey, key.length());
			}
			assertThat(this.longestKey).as("longest key after move %d", move)
				.isLessThanOrEqualTo(PositionKeys.MAX_LENGTH);
		}

	}

}
