package io.netinsights.capture.sink;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.json.ItemJson;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes items as JSON lines ({@link ItemJson}, the shape scripts read and {@code run --items}
 * takes back), for inspection. Pod events are not written, so the output stays a plain items file;
 * they are counted in {@link #podEventsSkipped()}. A write error fails the capture (it is an
 * infrastructure error, not a drop).
 */
public final class JsonLinesItemSink implements ItemSink {
    private final Writer out;
    private final boolean closeOut;
    private final boolean flushEveryItem;
    private long written;
    private long podEventsSkipped;

    private JsonLinesItemSink(Writer out, boolean closeOut, boolean flushEveryItem) {
        this.out = out;
        this.closeOut = closeOut;
        this.flushEveryItem = flushEveryItem;
    }

    /** Writes to a file, replacing it. */
    public static JsonLinesItemSink toFile(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return new JsonLinesItemSink(
                Files.newBufferedWriter(file, StandardCharsets.UTF_8), true, false);
    }

    /**
     * Writes to a stream the caller owns (stdout), flushing after every item so that a reader sees
     * items as they are captured; {@link #close()} flushes but does not close it.
     */
    public static JsonLinesItemSink toStream(OutputStream stream) {
        Objects.requireNonNull(stream, "stream");
        return toWriter(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8)));
    }

    /** Like {@link #toStream}, for a writer the caller owns (the CLI's standard output). */
    public static JsonLinesItemSink toWriter(Writer writer) {
        return new JsonLinesItemSink(Objects.requireNonNull(writer, "writer"), false, true);
    }

    @Override
    public synchronized void item(ApiItem item) {
        try {
            out.write(ItemJson.toJson(item));
            out.write('\n');
            written++;
            if (flushEveryItem) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write item " + item.getId(), e);
        }
    }

    @Override
    public synchronized void podEvent(PodEvent event) {
        podEventsSkipped++;
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    /** Items written so far. */
    public synchronized long written() {
        return written;
    }

    /** Pod events received and not written. */
    public synchronized long podEventsSkipped() {
        return podEventsSkipped;
    }

    @Override
    public long dropped() {
        return 0;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closeOut) {
            out.close();
        } else {
            out.flush();
        }
    }
}
