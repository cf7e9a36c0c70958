package io.netinsights.jobs.sinks;

import io.netinsights.schemas.DeadLetter;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default dead-letter sink: one ERROR log line per dead letter with its source, key (request
 * id), attempts and reason, so nothing is dropped silently when no dead-letter topic is set.
 */
public final class LoggingDeadLetterSink implements Sink<DeadLetter> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LoggingDeadLetterSink.class);

    @Override
    public SinkWriter<DeadLetter> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(DeadLetter letter, Context ctx) {
                LOG.error(
                        "Dead letter from {}: request {} after {} attempt(s): {}",
                        letter.getSource(),
                        letter.getKey(),
                        letter.getAttempts(),
                        letter.getReason());
            }

            @Override
            public void flush(boolean endOfInput) {
                // Nothing is buffered: every letter is logged when written.
            }

            @Override
            public void close() {
                // No resources.
            }
        };
    }
}
