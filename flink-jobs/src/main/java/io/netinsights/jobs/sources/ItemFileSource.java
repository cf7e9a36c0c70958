package io.netinsights.jobs.sources;

import io.netinsights.schemas.ApiItem;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A bounded source of items from files (one split per file), read by a format-specific {@link
 * ItemReaderFactory}. Its position is checkpointed as a count of items per file.
 */
public final class ItemFileSource
        implements Source<ApiItem, ItemFileSplit, Collection<ItemFileSplit>> {
    private static final long serialVersionUID = 1L;

    private final List<String> paths;
    private final ItemReaderFactory factory;

    public ItemFileSource(List<String> paths, ItemReaderFactory factory) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("at least one input file is required");
        }
        this.paths = new ArrayList<>(paths);
        this.factory = factory;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<ApiItem, ItemFileSplit> createReader(SourceReaderContext ctx) {
        return new IteratorSourceReader<>(ctx);
    }

    @Override
    public SplitEnumerator<ItemFileSplit, Collection<ItemFileSplit>> createEnumerator(
            SplitEnumeratorContext<ItemFileSplit> ctx) {
        List<ItemFileSplit> splits = new ArrayList<>();
        for (String p : paths) {
            splits.add(new ItemFileSplit(p, 0, factory));
        }
        return new IteratorSourceEnumerator<>(ctx, splits);
    }

    @Override
    public SplitEnumerator<ItemFileSplit, Collection<ItemFileSplit>> restoreEnumerator(
            SplitEnumeratorContext<ItemFileSplit> ctx, Collection<ItemFileSplit> checkpoint) {
        return new IteratorSourceEnumerator<>(ctx, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<ItemFileSplit> getSplitSerializer() {
        return new SplitSerializer(factory);
    }

    @Override
    public SimpleVersionedSerializer<Collection<ItemFileSplit>>
            getEnumeratorCheckpointSerializer() {
        return new CheckpointSerializer(factory);
    }

    private static final class SplitSerializer implements SimpleVersionedSerializer<ItemFileSplit> {
        private final ItemReaderFactory factory;

        SplitSerializer(ItemReaderFactory factory) {
            this.factory = factory;
        }

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(ItemFileSplit split) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(split.path());
                out.writeLong(split.skip());
            }
            return bytes.toByteArray();
        }

        @Override
        public ItemFileSplit deserialize(int version, byte[] data) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                return new ItemFileSplit(in.readUTF(), in.readLong(), factory);
            }
        }
    }

    private static final class CheckpointSerializer
            implements SimpleVersionedSerializer<Collection<ItemFileSplit>> {
        private final SplitSerializer splits;

        CheckpointSerializer(ItemReaderFactory factory) {
            this.splits = new SplitSerializer(factory);
        }

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Collection<ItemFileSplit> all) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(all.size());
                for (ItemFileSplit s : all) {
                    byte[] b = splits.serialize(s);
                    out.writeInt(b.length);
                    out.write(b);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public Collection<ItemFileSplit> deserialize(int version, byte[] data) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                int n = in.readInt();
                List<ItemFileSplit> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    byte[] b = new byte[in.readInt()];
                    in.readFully(b);
                    out.add(splits.deserialize(1, b));
                }
                return out;
            }
        }
    }
}
