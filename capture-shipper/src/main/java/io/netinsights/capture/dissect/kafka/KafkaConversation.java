package io.netinsights.capture.dissect.kafka;

import io.netinsights.capture.decode.Bytes;
import io.netinsights.capture.dissect.ConversationParser;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.ParserContext;
import io.netinsights.schemas.json.ItemJson;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Kafka connection: requests from the client, responses from the broker, paired by correlation
 * id. The API key and version of each request in flight are remembered by correlation id, because a
 * response does not repeat them and cannot be decoded without them. The client is the side whose
 * first bytes look like a request header. A Produce request with {@code acks=0} gets no response by
 * design: its item is completed at once, with a null response. A frame a TCP gap cut keeps its
 * correlation id when its start was read, so its item is marked rather than lost; a response the
 * gap took whole leaves its request to time out unpaired.
 */
final class KafkaConversation implements ConversationParser {

    private static final int MAX_IN_FLIGHT = 1024;

    private final ParserContext context;
    private final int keep;
    private final KafkaFramer[] framers = new KafkaFramer[2];
    private int clientDir = -1;
    private final long[] lostBeforeStart = new long[2];

    /** Correlation id to {apiKey, apiVersion}, oldest first. */
    private final LinkedHashMap<Integer, int[]> inFlight =
            new LinkedHashMap<>() {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, int[]> eldest) {
                    return size() > MAX_IN_FLIGHT;
                }
            };

    KafkaConversation(ParserContext context) {
        this.context = context;
        this.keep = Math.max(context.maxBodyBytes(), 256 * 1024);
    }

    @Override
    public void onData(int direction, byte[] buf, int off, int len, long tsMicros) {
        if (len <= 0) {
            return;
        }
        if (clientDir < 0) {
            clientDir = KafkaDissector.looksLikeRequest(buf, off, len) ? direction : 1 - direction;
            // a request header with its client id length takes 14 bytes, a correlation id 8
            framers[clientDir] = new KafkaFramer(keep, new Side(true), 16);
            framers[1 - clientDir] = new KafkaFramer(keep, new Side(false), 8);
            for (int d = 0; d < 2; d++) {
                if (lostBeforeStart[d] > 0) {
                    framers[d].gap(lostBeforeStart[d], tsMicros);
                }
            }
        }
        framers[direction].feed(buf, off, len, tsMicros);
    }

    @Override
    public void onGap(int direction, long lost, long tsMicros) {
        if (clientDir >= 0) {
            framers[direction].gap(lost, tsMicros);
        } else {
            lostBeforeStart[direction] += lost; // the first data of the flow will be mid-frame
        }
    }

    @Override
    public void onEnd(int direction, long tsMicros) {
        if (clientDir >= 0) {
            framers[direction].end();
        }
    }

    private void onRequest(byte[] frame, int kept, long size, long start, long gapBytes) {
        KafkaReader r = new KafkaReader(frame, 0, kept);
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> payload = new LinkedHashMap<>();
        int apiKey;
        int version;
        int correlationId;
        try {
            apiKey = r.int16();
            version = r.int16();
            correlationId = r.int32();
        } catch (KafkaReader.Stop e) {
            context.parseError(); // shorter than a request header
            return;
        }
        m.put("apiKeyName", KafkaApis.name(apiKey));
        m.put("apiKey", apiKey);
        m.put("apiVersion", version);
        m.put("correlationID", correlationId);
        m.put("clientID", "");
        m.put("size", size - 4);
        m.put("payload", payload);
        try {
            if (KafkaApis.requestHasClientId(apiKey, version)) {
                String clientId = r.string(false); // never compact, even in header v2
                m.put("clientID", clientId == null ? "" : clientId);
            }
            r.taggedFields(KafkaApis.isFlexible(apiKey, version));
            KafkaRequestBodies.decode(apiKey, version, r, payload);
        } catch (KafkaReader.Stop e) {
            stopped(m, kept, size);
        }
        context.emit(
                marked(
                        new Message(
                                KafkaDissector.KAFKA,
                                true,
                                clientDir,
                                correlationId,
                                start,
                                size,
                                ItemJson.write(m)),
                        gapBytes));
        if (apiKey == KafkaApis.PRODUCE && Integer.valueOf(0).equals(payload.get("requiredAcks"))) {
            // acks=0: the broker never answers; the item is complete without a response body
            context.emit(
                    new Message(
                            KafkaDissector.KAFKA,
                            false,
                            1 - clientDir,
                            correlationId,
                            start,
                            0,
                            null));
        } else {
            inFlight.put(correlationId, new int[] {apiKey, version});
        }
    }

    private void onResponse(byte[] frame, int kept, long size, long start, long gapBytes) {
        KafkaReader r = new KafkaReader(frame, 0, kept);
        int correlationId;
        try {
            correlationId = r.int32();
        } catch (KafkaReader.Stop e) {
            context.parseError();
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> payload = new LinkedHashMap<>();
        m.put("correlationID", correlationId);
        m.put("size", size - 4);
        m.put("payload", payload);
        int[] request = inFlight.remove(correlationId);
        if (request != null) {
            int apiKey = request[0];
            int version = request[1];
            try {
                r.taggedFields(KafkaApis.responseHeaderHasTags(apiKey, version));
                KafkaResponseBodies.decode(apiKey, version, r, payload);
            } catch (KafkaReader.Stop e) {
                stopped(m, kept, size);
            }
        }
        context.emit(
                marked(
                        new Message(
                                KafkaDissector.KAFKA,
                                false,
                                1 - clientDir,
                                correlationId,
                                start,
                                size,
                                ItemJson.write(m)),
                        gapBytes));
    }

    private static Message marked(Message m, long gapBytes) {
        return gapBytes > 0 ? m.withGap(gapBytes + " bytes of the frame were not captured") : m;
    }

    /** Decoding stopped early: past the kept bytes (truncated) or inside them (malformed). */
    private void stopped(Map<String, Object> m, int kept, long size) {
        if (kept < size - 4) {
            m.put("truncated", true);
        } else {
            m.put("malformed", true);
            context.parseError();
        }
    }

    /** Routes one direction's frames. */
    private final class Side implements KafkaFramer.Listener {
        private final boolean client;

        Side(boolean client) {
            this.client = client;
        }

        @Override
        public void onFrame(byte[] frame, int kept, long size, long startMicros, long gapBytes) {
            if (client) {
                onRequest(frame, kept, size, startMicros, gapBytes);
            } else {
                onResponse(frame, kept, size, startMicros, gapBytes);
            }
        }

        /**
         * After a gap: a request header that parses, or a response whose correlation id answers a
         * request in flight, behind a size that can be a frame.
         */
        @Override
        public boolean isFrameStart(byte[] b, int n) {
            if (client) {
                return KafkaDissector.looksLikeRequest(b, 0, n);
            }
            long size = Bytes.u32(b, 0) & 0xffffffffL;
            return size >= 4
                    && size <= KafkaFramer.MAX_FRAME
                    && inFlight.containsKey(Bytes.u32(b, 4));
        }

        @Override
        public void onParseError() {
            context.parseError();
        }
    }
}
