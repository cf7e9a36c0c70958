package io.netinsights.schemas;

import io.netinsights.schemas.json.ItemJson;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Readers on the previous item schema still read records written with the current one. */
class SchemaCompatibilityTest {

    private static Schema previous() throws Exception {
        try (InputStream in =
                SchemaCompatibilityTest.class.getResourceAsStream("/previous/ApiItem-v1.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    private static ApiItem sample() {
        return ApiItem.newBuilder()
                .setId("42")
                .setNode(new NodeInfo("10.0.0.1", "node-1"))
                .setTimestamp(1_767_225_600_000L)
                .setProtocol(
                        Protocol.newBuilder()
                                .setName("http")
                                .setAbbr("HTTP")
                                .setPorts(List.of("80"))
                                .build())
                .setSrc(
                        Endpoint.newBuilder()
                                .setIp("10.1.0.1")
                                .setPort("5000")
                                .setName("a")
                                .setPod(new PodRef("a-1", "shop", Map.of("app", "a")))
                                .build())
                .setDst(Endpoint.newBuilder().setIp("10.1.0.2").setPort("80").setName("b").build())
                .setRequest("{\"method\":\"GET\",\"path\":\"/\"}")
                .setResponse("{\"status\":200}")
                .setElapsedTime(3)
                .setExtra(Map.of("cluster", "prod"))
                .build();
    }

    @Test
    void previousReaderIsCompatibleWithCurrentWriter() throws Exception {
        SchemaCompatibility.SchemaPairCompatibility c =
                SchemaCompatibility.checkReaderWriterCompatibility(
                        previous(), ApiItem.getClassSchema());
        assertThat(c.getType())
                .as(c.getDescription())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        // And the current reader reads v1 records (the added field has a default).
        assertThat(
                        SchemaCompatibility.checkReaderWriterCompatibility(
                                        ApiItem.getClassSchema(), previous())
                                .getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void previousReaderReadsACurrentRecord() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(ApiItem.class).write(sample(), enc);
        enc.flush();
        GenericRecord old =
                new GenericDatumReader<GenericRecord>(ApiItem.getClassSchema(), previous())
                        .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertThat(old.get("id").toString()).isEqualTo("42");
        assertThat(old.get("request").toString()).isEqualTo("{\"method\":\"GET\",\"path\":\"/\"}");
        assertThat(((GenericRecord) old.get("src")).get("name").toString()).isEqualTo("a");
        assertThat(old.getSchema().getField("extra")).isNull();
    }

    @Test
    void jsonFormRoundTrips() {
        ApiItem item = sample();
        assertThat(ItemJson.fromJson(ItemJson.toJson(item))).isEqualTo(item);
        assertThat(ItemJson.toMap(item))
                .containsEntry("cluster", "prod")
                .containsEntry("startTime", "2026-01-01T00:00:00Z");
    }
}
