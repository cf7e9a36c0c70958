package io.netinsights.jobs.sources;

import io.netinsights.schemas.ApiItem;

import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One file to read, and how many items of it were already emitted (the checkpointed position). A
 * restored split re-reads the file and skips that many items.
 */
public final class ItemFileSplit implements IteratorSourceSplit<ApiItem, ItemFileSplit.Counting> {
    private final String path;
    private final long skip;
    private final ItemReaderFactory factory;

    public ItemFileSplit(String path, long skip, ItemReaderFactory factory) {
        this.path = path;
        this.skip = skip;
        this.factory = factory;
    }

    public String path() {
        return path;
    }

    public long skip() {
        return skip;
    }

    @Override
    public String splitId() {
        return path;
    }

    @Override
    public Counting getIterator() {
        try {
            Counting it = new Counting(factory.open(path), skip);
            for (long i = 0; i < skip && it.hasNext(); i++) {
                it.next();
            }
            return it;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public IteratorSourceSplit<ApiItem, Counting> getUpdatedSplitForIterator(Counting iterator) {
        return new ItemFileSplit(path, iterator.position, factory);
    }

    /** Counts what it hands out, so the split knows where to resume. */
    public static final class Counting implements Iterator<ApiItem> {
        private final Iterator<ApiItem> inner;
        private long position;

        Counting(Iterator<ApiItem> inner, long start) {
            this.inner = inner;
            this.position = 0;
        }

        @Override
        public boolean hasNext() {
            return inner.hasNext();
        }

        @Override
        public ApiItem next() {
            if (!inner.hasNext()) {
                throw new NoSuchElementException();
            }
            position++;
            return inner.next();
        }
    }
}
