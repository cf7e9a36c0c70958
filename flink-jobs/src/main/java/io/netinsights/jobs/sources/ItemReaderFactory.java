package io.netinsights.jobs.sources;

import io.netinsights.schemas.ApiItem;

import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;

/**
 * Opens a file of items (a capture, a JSON-lines export) as an iterator. The iterator closes its
 * file once exhausted. Implementations live with the format (capture-shipper for captures), so the
 * job graph does not depend on them.
 */
@FunctionalInterface
public interface ItemReaderFactory extends Serializable {
    Iterator<ApiItem> open(String path) throws IOException;
}
