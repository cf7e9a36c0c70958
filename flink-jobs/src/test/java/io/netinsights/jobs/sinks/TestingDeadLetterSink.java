package io.netinsights.jobs.sinks;

import io.netinsights.schemas.DeadLetter;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A dead-letter sink that collects letters in memory (MiniCluster tasks share the test JVM). */
final class TestingDeadLetterSink implements Sink<DeadLetter> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Queue<DeadLetter>> STORE = new ConcurrentHashMap<>();

    private final String name = UUID.randomUUID().toString();

    TestingDeadLetterSink() {
        STORE.put(name, new ConcurrentLinkedQueue<>());
    }

    /** The letters written so far. */
    List<DeadLetter> letters() {
        return List.copyOf(STORE.get(name));
    }

    @Override
    public SinkWriter<DeadLetter> createWriter(WriterInitContext context) {
        Queue<DeadLetter> queue = STORE.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(DeadLetter letter, Context ctx) {
                queue.add(letter);
            }

            @Override
            public void flush(boolean endOfInput) {
                // Letters are visible as soon as they are written.
            }

            @Override
            public void close() {
                // The store outlives the writer: the test reads it after the job.
            }
        };
    }
}
