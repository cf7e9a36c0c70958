package io.netinsights.dashboard;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The SSE event log: order, late readers, waiting, and the bounded buffer. */
class ConsoleHubTest {

    @Test
    void lateReaderGetsEverythingInOrder() throws Exception {
        ConsoleHub hub = new ConsoleHub();
        hub.publish("a");
        hub.publish("b");
        assertThat(hub.since(0, 0)).containsExactly("a", "b");
        assertThat(hub.since(1, 0)).containsExactly("b");
        assertThat(hub.since(2, 0)).isEmpty();
        assertThat(hub.next()).isEqualTo(2);
    }

    @Test
    void waitingReaderWakesOnPublish() throws Exception {
        ConsoleHub hub = new ConsoleHub();
        CompletableFuture<List<String>> read =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return hub.since(0, 10_000);
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        Thread.sleep(50);
        hub.publish("x");
        assertThat(read.get(5, TimeUnit.SECONDS)).containsExactly("x");
    }

    @Test
    void keepsOnlyTheLastEventsAndSkipsDroppedOnes() throws Exception {
        ConsoleHub hub = new ConsoleHub();
        for (int i = 0; i < ConsoleHub.MAX_EVENTS + 5; i++) {
            hub.publish("e" + i);
        }
        assertThat(hub.first()).isEqualTo(5);
        List<String> all = hub.since(0, 0);
        assertThat(all).hasSize(ConsoleHub.MAX_EVENTS).startsWith("e5");
    }
}
