package io.netinsights.capture.dissect.kafka;

import io.netinsights.capture.decode.Bytes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the bodies of Produce, Fetch, Metadata and ApiVersions requests, every version up to
 * Produce v13, Fetch v17 and Metadata v13, into the {@code payload} of an item, with Kubeshark's
 * field names ({@code topicData[].topic} for Produce, {@code topics[].topic} for Fetch, {@code
 * topics[].name} for Metadata). Record batches are not decoded; their size and record count are.
 * Other APIs get an empty payload.
 */
final class KafkaRequestBodies {

    /** Most elements kept per array; the rest are read and dropped. */
    static final int MAX_ELEMENTS = 1000;

    private KafkaRequestBodies() {}

    /** Fills {@code p} from the body; throws {@link KafkaReader.Stop} where the bytes end. */
    static void decode(int apiKey, int v, KafkaReader r, Map<String, Object> p) {
        boolean flex = KafkaApis.isFlexible(apiKey, v);
        switch (apiKey) {
            case KafkaApis.PRODUCE:
                produce(v, flex, r, p);
                break;
            case KafkaApis.FETCH:
                fetch(v, flex, r, p);
                break;
            case KafkaApis.METADATA:
                metadata(v, flex, r, p);
                break;
            case KafkaApis.API_VERSIONS:
                if (v >= 3) {
                    p.put("clientSoftwareName", r.string(true));
                    p.put("clientSoftwareVersion", r.string(true));
                    r.taggedFields(true);
                }
                break;
            default:
                break;
        }
    }

    private static void produce(int v, boolean flex, KafkaReader r, Map<String, Object> p) {
        if (v >= 3) {
            p.put("transactionalID", r.string(flex));
        }
        p.put("requiredAcks", r.int16());
        p.put("timeout", r.int32());
        List<Object> topics = list(p, "topicData");
        int n = r.arrayLength(flex);
        for (int i = 0; i < n; i++) {
            Map<String, Object> t = element(topics);
            topic(v >= 13, flex, r, t, "topic");
            List<Object> partitions = list(t, "partitions");
            int pn = r.arrayLength(flex);
            for (int j = 0; j < pn; j++) {
                Map<String, Object> part = element(partitions);
                part.put("index", r.int32());
                records(flex, r, part);
                r.taggedFields(flex);
            }
            r.taggedFields(flex);
        }
        r.taggedFields(flex);
    }

    private static void fetch(int v, boolean flex, KafkaReader r, Map<String, Object> p) {
        if (v <= 14) {
            p.put("replicaId", r.int32());
        }
        p.put("maxWaitMs", r.int32());
        p.put("minBytes", r.int32());
        if (v >= 3) {
            p.put("maxBytes", r.int32());
        }
        if (v >= 4) {
            p.put("isolationLevel", r.int8());
        }
        if (v >= 7) {
            p.put("sessionId", r.int32());
            p.put("sessionEpoch", r.int32());
        }
        List<Object> topics = list(p, "topics");
        int n = r.arrayLength(flex);
        for (int i = 0; i < n; i++) {
            Map<String, Object> t = element(topics);
            topic(v >= 13, flex, r, t, "topic");
            List<Object> partitions = list(t, "partitions");
            int pn = r.arrayLength(flex);
            for (int j = 0; j < pn; j++) {
                Map<String, Object> part = element(partitions);
                part.put("partition", r.int32());
                if (v >= 9) {
                    part.put("currentLeaderEpoch", r.int32());
                }
                part.put("fetchOffset", r.int64());
                if (v >= 12) {
                    part.put("lastFetchedEpoch", r.int32());
                }
                if (v >= 5) {
                    part.put("logStartOffset", r.int64());
                }
                part.put("partitionMaxBytes", r.int32());
                r.taggedFields(flex);
            }
            r.taggedFields(flex);
        }
        if (v >= 7) {
            List<Object> forgotten = list(p, "forgottenTopicsData");
            int fn = r.arrayLength(flex);
            for (int i = 0; i < fn; i++) {
                Map<String, Object> t = element(forgotten);
                topic(v >= 13, flex, r, t, "topic");
                t.put("partitions", ints(r, flex));
                r.taggedFields(flex);
            }
        }
        if (v >= 11) {
            p.put("rackId", r.string(flex));
        }
        r.taggedFields(flex);
    }

    private static void metadata(int v, boolean flex, KafkaReader r, Map<String, Object> p) {
        int n = r.arrayLength(flex);
        if (n < 0) {
            p.put("topics", null); // all topics
        } else {
            List<Object> topics = list(p, "topics");
            for (int i = 0; i < n; i++) {
                Map<String, Object> t = element(topics);
                if (v >= 10) {
                    t.put("topicID", r.uuid());
                }
                t.put("name", r.string(flex));
                r.taggedFields(flex);
            }
        }
        if (v >= 4) {
            p.put("allowAutoTopicCreation", r.bool());
        }
        if (v >= 8 && v <= 10) {
            p.put("includeClusterAuthorizedOperations", r.bool());
        }
        if (v >= 8) {
            p.put("includeTopicAuthorizedOperations", r.bool());
        }
        r.taggedFields(flex);
    }

    /** A topic's name, or from version 13 of Produce and Fetch its id. */
    static void topic(
            boolean byId, boolean flex, KafkaReader r, Map<String, Object> t, String nameKey) {
        if (byId) {
            t.put("topicID", r.uuid());
        } else {
            t.put(nameKey, r.string(flex));
        }
    }

    /** A records field: its size and the number of records in its batches. */
    static void records(boolean flex, KafkaReader r, Map<String, Object> m) {
        int size = r.bytes(flex);
        m.put("recordsSize", Math.max(size, 0));
        if (size > 0) {
            m.put("recordCount", recordCount(r.array(), r.position() - size, size));
        }
    }

    /**
     * Records in the batches of a records field: a v2 batch says how many it holds; a v0/v1 message
     * counts as one (a compressed wrapper is not opened).
     */
    static long recordCount(byte[] b, int off, int len) {
        long count = 0;
        int pos = off;
        int end = off + len;
        while (end - pos >= 17) {
            int batchLength = Bytes.u32(b, pos + 8);
            int magic = b[pos + 16];
            if (magic == 2) {
                if (end - pos < 61) {
                    break;
                }
                count += Math.max(0, Bytes.u32(b, pos + 57));
            } else {
                count++;
            }
            long next = pos + 12L + batchLength;
            if (batchLength < 0 || next > end) {
                break;
            }
            pos = (int) next;
        }
        return count;
    }

    static List<Object> ints(KafkaReader r, boolean flex) {
        List<Object> out = new ArrayList<>();
        int n = r.arrayLength(flex);
        for (int i = 0; i < n; i++) {
            int x = r.int32();
            if (out.size() < MAX_ELEMENTS) {
                out.add(x);
            }
        }
        return out;
    }

    /** A new list under {@code key}. */
    static List<Object> list(Map<String, Object> m, String key) {
        List<Object> l = new ArrayList<>();
        m.put(key, l);
        return l;
    }

    /** A new element, added to {@code list} unless the list is full (then it is dropped). */
    static Map<String, Object> element(List<Object> list) {
        Map<String, Object> e = new LinkedHashMap<>();
        if (list.size() < MAX_ELEMENTS) {
            list.add(e);
        }
        return e;
    }
}
