package io.netinsights.capture.kafka;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes Avro records as plain binary Avro, without a header or schema id: the bytes the script
 * job's {@code ItemDecoder} reads from Kafka. Reuses its buffers; thread-safe.
 */
final class AvroEncoder<T extends SpecificRecord> {
    private final SpecificDatumWriter<T> writer;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    private BinaryEncoder encoder;

    AvroEncoder(Class<T> type) {
        this.writer = new SpecificDatumWriter<>(type);
    }

    synchronized byte[] encode(T record) {
        bytes.reset();
        encoder = EncoderFactory.get().binaryEncoder(bytes, encoder);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            // Only the in-memory stream is written to, so this is a bug in a record.
            throw new UncheckedIOException("cannot encode " + record.getClass().getSimpleName(), e);
        }
        return bytes.toByteArray();
    }
}
