package org.liquidpilot.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Messages as a test node received them, with their arrival time, and waits on them with deadlines. */
final class RosProbe<T> {
    record Received<T>(long nanos, T message) {}

    final List<Received<T>> messages = new CopyOnWriteArrayList<>();

    void add(T m) {
        messages.add(new Received<>(System.nanoTime(), m));
    }

    /** The first message after {@code sinceNanos} that matches, waiting up to {@code timeoutMs}; null if none came. */
    Received<T> await(long sinceNanos, Predicate<T> match, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            for (Received<T> r : messages) {
                if (r.nanos() >= sinceNanos && match.test(r.message())) return r;
            }
            if (System.nanoTime() > deadline) return null;
            Thread.sleep(5);
        }
    }

    T last() {
        return messages.isEmpty() ? null : messages.get(messages.size() - 1).message();
    }

    long countSince(long sinceNanos) {
        return messages.stream().filter(r -> r.nanos() >= sinceNanos).count();
    }
}
