package org.orrery.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The kit's waiting: a query polled until it holds, or a failure that says what was awaited and
 * what was last seen. One per fixture, shared by its pages, so one timeout governs them all.
 */
final class Waits {

    private static final long POLL_MILLIS = 20;

    private volatile Duration timeout;

    Waits(Duration timeout) {
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    void timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
    }

    /**
     * Polls {@code query} until {@code holds} accepts its value, and returns that value.
     *
     * @param what what is awaited, for the failure: "heat to be RUNNING"
     * @throws AssertionError after the timeout: "waited 60 s for heat to be RUNNING; last seen: PREPARING"
     */
    <T> T until(String what, Callable<T> query, Predicate<? super T> holds) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object lastSeen = null;
        Exception lastFailure = null;
        boolean seen = false;
        while (true) {
            try {
                T value = query.call();
                if (holds.test(value)) {
                    return value;
                }
                lastSeen = value;
                seen = true;
                lastFailure = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                String last = lastFailure != null ? "the last look failed: " + lastFailure
                        : seen ? "last seen: " + shown(lastSeen) : "nothing seen";
                throw new AssertionError("waited " + seconds(timeout) + " for " + what + "; " + last, lastFailure);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** {@code query}'s value, read on the FX thread (the only thread that may read the scene). */
    <T> T onFx(Callable<T> query) {
        if (Platform.isFxApplicationThread()) {
            try {
                return query.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return WaitForAsyncUtils.asyncFx(query).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading the window", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the window failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the FX thread did not answer in " + seconds(timeout) + " (busy or blocked)", e);
        }
    }

    /** Runs {@code action} on the FX thread and waits for it. */
    void onFx(Runnable action) {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    private static String shown(Object value) {
        if (value instanceof double[] values) {
            return Arrays.toString(values);
        }
        return String.valueOf(value);
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
