package io.netinsights.cli;

import io.netinsights.schemas.ConsoleLevel;
import io.netinsights.schemas.ConsoleLine;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LogsCommand} decoding of console records (as the job's AvroSerializationSchema writes
 * them) and job matching.
 */
class LogsCommandTest {

    @Test
    void decodesFiltersAndFormatsConsoleLines() throws IOException {
        ConsoleLine line =
                ConsoleLine.newBuilder()
                        .setScript("Top_DNS.js")
                        .setInstance("hub")
                        .setLevel(ConsoleLevel.LOG)
                        .setText("1. 10.0.0.1: 3 queries")
                        .setTimestamp(1L)
                        .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(ConsoleLine.class).write(line, enc);
        enc.flush();

        ConsoleLine decoded =
                new SpecificDatumReader<>(ConsoleLine.class)
                        .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertThat(LogsCommand.format(decoded)).isEqualTo("[hub] 1. 10.0.0.1: 3 queries");
        assertThat(LogsCommand.matches(decoded, "top-dns")).isTrue();
        assertThat(LogsCommand.matches(decoded, "Top_DNS")).isTrue();
        assertThat(LogsCommand.matches(decoded, "other")).isFalse();
    }
}
