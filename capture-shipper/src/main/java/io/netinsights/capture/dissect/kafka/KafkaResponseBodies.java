package io.netinsights.capture.dissect.kafka;

import java.util.List;
import java.util.Map;

import static io.netinsights.capture.dissect.kafka.KafkaRequestBodies.element;
import static io.netinsights.capture.dissect.kafka.KafkaRequestBodies.ints;
import static io.netinsights.capture.dissect.kafka.KafkaRequestBodies.list;
import static io.netinsights.capture.dissect.kafka.KafkaRequestBodies.records;
import static io.netinsights.capture.dissect.kafka.KafkaRequestBodies.topic;

/**
 * Decodes the bodies of Produce, Fetch, Metadata and ApiVersions responses (the versions of {@link
 * KafkaRequestBodies}) into the {@code payload} of an item, with Kubeshark's field names ({@code
 * responses[].partitionResponses[]}, {@code brokers[]}, {@code apiKeys[]}). A response can only be
 * read knowing the API key and version of its request.
 */
final class KafkaResponseBodies {

    private static final int UNSUPPORTED_VERSION = 35;

    private KafkaResponseBodies() {}

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
                apiVersions(v, flex, r, p);
                break;
            default:
                break;
        }
    }

    private static void produce(int v, boolean flex, KafkaReader r, Map<String, Object> p) {
        List<Object> responses = list(p, "responses");
        int n = r.arrayLength(flex);
        for (int i = 0; i < n; i++) {
            Map<String, Object> t = element(responses);
            topic(v >= 13, flex, r, t, "name");
            List<Object> partitions = list(t, "partitionResponses");
            int pn = r.arrayLength(flex);
            for (int j = 0; j < pn; j++) {
                Map<String, Object> part = element(partitions);
                part.put("index", r.int32());
                part.put("errorCode", r.int16());
                part.put("baseOffset", r.int64());
                if (v >= 2) {
                    part.put("logAppendTimeMs", r.int64());
                }
                if (v >= 5) {
                    part.put("logStartOffset", r.int64());
                }
                if (v >= 8) {
                    List<Object> errors = list(part, "recordErrors");
                    int en = r.arrayLength(flex);
                    for (int k = 0; k < en; k++) {
                        Map<String, Object> e = element(errors);
                        e.put("batchIndex", r.int32());
                        e.put("batchIndexErrorMessage", r.string(flex));
                        r.taggedFields(flex);
                    }
                    part.put("errorMessage", r.string(flex));
                }
                r.taggedFields(flex);
            }
            r.taggedFields(flex);
        }
        if (v >= 1) {
            p.put("throttleTimeMs", r.int32());
        }
        r.taggedFields(flex);
    }

    private static void fetch(int v, boolean flex, KafkaReader r, Map<String, Object> p) {
        if (v >= 1) {
            p.put("throttleTimeMs", r.int32());
        }
        if (v >= 7) {
            p.put("errorCode", r.int16());
            p.put("sessionId", r.int32());
        }
        List<Object> responses = list(p, "responses");
        int n = r.arrayLength(flex);
        for (int i = 0; i < n; i++) {
            Map<String, Object> t = element(responses);
            topic(v >= 13, flex, r, t, "topic");
            List<Object> partitions = list(t, "partitionResponses");
            int pn = r.arrayLength(flex);
            for (int j = 0; j < pn; j++) {
                Map<String, Object> part = element(partitions);
                part.put("partition", r.int32());
                part.put("errorCode", r.int16());
                part.put("highWatermark", r.int64());
                if (v >= 4) {
                    part.put("lastStableOffset", r.int64());
                }
                if (v >= 5) {
                    part.put("logStartOffset", r.int64());
                }
                if (v >= 4) {
                    int an = r.arrayLength(flex);
                    List<Object> aborted = list(part, "abortedTransactions");
                    for (int k = 0; k < an; k++) {
                        Map<String, Object> a = element(aborted);
                        a.put("producerId", r.int64());
                        a.put("firstOffset", r.int64());
                        r.taggedFields(flex);
                    }
                }
                if (v >= 11) {
                    part.put("preferredReadReplica", r.int32());
                }
                records(flex, r, part);
                r.taggedFields(flex);
            }
            r.taggedFields(flex);
        }
        r.taggedFields(flex);
    }

    private static void metadata(int v, boolean flex, KafkaReader r, Map<String, Object> p) {
        if (v >= 3) {
            p.put("throttleTimeMs", r.int32());
        }
        List<Object> brokers = list(p, "brokers");
        int bn = r.arrayLength(flex);
        for (int i = 0; i < bn; i++) {
            Map<String, Object> b = element(brokers);
            b.put("nodeId", r.int32());
            b.put("host", r.string(flex));
            b.put("port", r.int32());
            if (v >= 1) {
                b.put("rack", r.string(flex));
            }
            r.taggedFields(flex);
        }
        if (v >= 2) {
            p.put("clusterID", r.string(flex));
        }
        if (v >= 1) {
            p.put("controllerID", r.int32());
        }
        List<Object> topics = list(p, "topics");
        int tn = r.arrayLength(flex);
        for (int i = 0; i < tn; i++) {
            Map<String, Object> t = element(topics);
            t.put("errorCode", r.int16());
            t.put("name", r.string(flex));
            if (v >= 10) {
                t.put("topicID", r.uuid());
            }
            if (v >= 1) {
                t.put("isInternal", r.bool());
            }
            List<Object> partitions = list(t, "partitions");
            int pn = r.arrayLength(flex);
            for (int j = 0; j < pn; j++) {
                Map<String, Object> part = element(partitions);
                part.put("errorCode", r.int16());
                part.put("partitionIndex", r.int32());
                part.put("leaderId", r.int32());
                if (v >= 7) {
                    part.put("leaderEpoch", r.int32());
                }
                part.put("replicaNodes", ints(r, flex));
                part.put("isrNodes", ints(r, flex));
                if (v >= 5) {
                    part.put("offlineReplicas", ints(r, flex));
                }
                r.taggedFields(flex);
            }
            if (v >= 8) {
                t.put("topicAuthorizedOperations", r.int32());
            }
            r.taggedFields(flex);
        }
        if (v >= 8 && v <= 10) {
            p.put("clusterAuthorizedOperations", r.int32());
        }
        if (v >= 13) {
            p.put("errorCode", r.int16());
        }
        r.taggedFields(flex);
    }

    private static void apiVersions(
            int version, boolean flexible, KafkaReader r, Map<String, Object> p) {
        int errorCode = r.int16();
        p.put("errorCode", errorCode);
        // A broker that does not know the version asked for answers in version 0 (KIP-511).
        boolean unsupported = errorCode == UNSUPPORTED_VERSION;
        int v = unsupported ? 0 : version;
        boolean flex = !unsupported && flexible;
        List<Object> keys = list(p, "apiKeys");
        int n = r.arrayLength(flex);
        for (int i = 0; i < n; i++) {
            Map<String, Object> k = element(keys);
            k.put("apiKey", r.int16());
            k.put("minVersion", r.int16());
            k.put("maxVersion", r.int16());
            r.taggedFields(flex);
        }
        if (v >= 1) {
            p.put("throttleTimeMs", r.int32());
        }
        r.taggedFields(flex);
    }
}
