package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkRequest;

import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Checkpoint format of the buffered entries of every vendor sink: the attempt count, then the
 * request as Avro binary (length-prefixed), so the request schema can evolve compatibly.
 */
public final class DeliveryEntrySerializer extends AsyncSinkWriterStateSerializer<DeliveryEntry> {

    @Override
    protected void serializeRequestToStream(DeliveryEntry entry, DataOutputStream out)
            throws IOException {
        out.writeInt(entry.failedAttempts());
        byte[] avro = toAvro(entry.request());
        out.writeInt(avro.length);
        out.write(avro);
    }

    @Override
    protected DeliveryEntry deserializeRequestFromStream(long requestSize, DataInputStream in)
            throws IOException {
        int attempts = in.readInt();
        byte[] avro = new byte[in.readInt()];
        in.readFully(avro);
        return new DeliveryEntry(fromAvro(avro), attempts);
    }

    @Override
    public int getVersion() {
        return 1;
    }

    /** A request as Avro binary. */
    static byte[] toAvro(SinkRequest request) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        new SpecificDatumWriter<>(SinkRequest.class).write(request, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }

    static SinkRequest fromAvro(byte[] avro) throws IOException {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(avro, null);
        return new SpecificDatumReader<>(SinkRequest.class).read(null, decoder);
    }
}
