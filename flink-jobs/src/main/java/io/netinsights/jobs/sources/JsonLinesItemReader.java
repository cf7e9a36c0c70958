package io.netinsights.jobs.sources;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads items from a JSON-lines file in the scripting-api.md item shape (one object per line). A
 * line that is not an item is skipped, counted and logged with its line number; the rest of the
 * file is still read.
 */
public final class JsonLinesItemReader implements Iterator<ApiItem>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesItemReader.class);
    private static final int MAX_LOGGED = 20;

    private final String name;
    private final BufferedReader reader;
    private ApiItem next;
    private long lineNo;
    private long badLines;
    private boolean closed;

    private JsonLinesItemReader(String name, BufferedReader reader) {
        this.name = name;
        this.reader = reader;
    }

    public static JsonLinesItemReader open(Path file) throws IOException {
        return new JsonLinesItemReader(
                file.toString(), Files.newBufferedReader(file, StandardCharsets.UTF_8));
    }

    /** The factory for {@link ItemFileSource}. */
    public static ItemReaderFactory factory() {
        return path -> open(Path.of(path));
    }

    public long badLines() {
        return badLines;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (closed) {
            return false;
        }
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    next = ItemJson.fromJson(line);
                    return true;
                } catch (IllegalArgumentException e) {
                    badLines++;
                    if (badLines <= MAX_LOGGED) {
                        LOG.warn("{}:{}: skipped, not an item: {}", name, lineNo, e.getMessage());
                    }
                }
            }
            close();
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " at line " + lineNo, e);
        }
    }

    @Override
    public ApiItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ApiItem out = next;
        next = null;
        return out;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            reader.close();
            if (badLines > 0) {
                LOG.warn(
                        "{}: {} of {} lines were not items and were skipped",
                        name,
                        badLines,
                        lineNo);
            }
        }
    }
}
