package io.netinsights.js;

import org.graalvm.polyglot.Context;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces the time budget of hook and job calls: one daemon thread per JVM looks at the calls in
 * flight and interrupts a context whose call ran past its deadline. An interrupted context stays
 * usable, so the script keeps its state and its next call runs normally.
 */
final class Watchdog {

    /** A call in flight: the context and its deadline in nanoTime, 0 when idle. */
    static final class Slot {
        final Context context;
        volatile long deadline;
        volatile boolean interrupted;

        Slot(Context context) {
            this.context = context;
        }
    }

    private static final Set<Slot> SLOTS = ConcurrentHashMap.newKeySet();
    private static final long TICK_NANOS = Duration.ofMillis(5).toNanos();

    static {
        Thread t = new Thread(Watchdog::loop, "netinsights-js-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private Watchdog() {}

    static Slot register(Context context) {
        Slot s = new Slot(context);
        SLOTS.add(s);
        return s;
    }

    static void unregister(Slot slot) {
        SLOTS.remove(slot);
    }

    private static void loop() {
        while (true) {
            LockSupport.parkNanos(TICK_NANOS);
            long now = System.nanoTime();
            for (Slot s : SLOTS) {
                long d = s.deadline;
                if (d != 0 && now - d > 0) {
                    interrupt(s);
                }
            }
        }
    }

    private static void interrupt(Slot s) {
        s.interrupted = true;
        try {
            s.context.interrupt(Duration.ofSeconds(2));
        } catch (TimeoutException e) {
            // The guest did not reach a safepoint in time; the next tick tries again.
            s.interrupted = true;
        } catch (IllegalStateException e) {
            // The context was closed meanwhile: nothing left to interrupt.
            SLOTS.remove(s);
        }
    }
}
