package io.netinsights.capture.dissect.postgres;

import io.netinsights.schemas.json.ItemJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request of one PostgreSQL round trip, built from the client's messages: a StartupMessage, an
 * SSLRequest or GSSENCRequest, a simple Query, a FunctionCall, or the extended-query messages up to
 * and including Sync (Parse, Bind, Describe, Execute, Close, Flush). Its JSON is {@code {type,
 * query, statement, portal, parameters, messages, messageCount}} (fields by type).
 */
final class PgRequest {

    static final int MAX_LISTED = 64;
    private static final int MAX_VALUE_CHARS = 1024;

    final long startMicros;
    long size;

    /** Whether a TCP gap took bytes of this round trip's messages. */
    boolean gap;

    private final String type;
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<String> messages = new ArrayList<>();
    private int messageCount;
    private List<String> queries;

    private PgRequest(String type, long startMicros) {
        this.type = type;
        this.startMicros = startMicros;
        json.put("type", type);
    }

    /** An untyped opening message; {@code code} is its protocol version or request code. */
    static PgRequest untyped(int code, byte[] b, int kept, long wire, long start) {
        String name;
        if (code == PgNames.SSL_REQUEST) {
            name = "SSLRequest";
        } else if (code == PgNames.GSSENC_REQUEST) {
            name = "GSSENCRequest";
        } else {
            name = "Startup";
        }
        PgRequest r = new PgRequest(name, start);
        r.count(
                code == PgNames.SSL_REQUEST || code == PgNames.GSSENC_REQUEST
                        ? name
                        : "StartupMessage",
                wire);
        if (name.equals("Startup")) {
            r.json.put("protocolVersion", (code >>> 16) + "." + (code & 0xffff));
            PgReader in = new PgReader(b, 4, kept);
            Map<String, Object> params = new LinkedHashMap<>();
            while (in.hasMore() && params.size() < MAX_LISTED) {
                String key = in.cstring();
                if (key.isEmpty()) {
                    break;
                }
                params.put(key, in.cstring());
            }
            r.json.put("user", params.getOrDefault("user", ""));
            r.json.put(
                    "database", params.getOrDefault("database", params.getOrDefault("user", "")));
            r.json.put("parameters", params);
        }
        return r;
    }

    /** A simple Query ({@code Q}). */
    static PgRequest query(byte[] b, int kept, long wire, long start) {
        PgRequest r = new PgRequest("SimpleQuery", start);
        r.count("Query", wire);
        r.json.put("query", new PgReader(b, 0, kept).cstring());
        return r;
    }

    /** A FunctionCall ({@code F}). */
    static PgRequest functionCall(byte[] b, int kept, long wire, long start) {
        PgRequest r = new PgRequest("FunctionCall", start);
        r.count("FunctionCall", wire);
        r.json.put("functionOid", new PgReader(b, 0, kept).int32() & 0xffffffffL);
        return r;
    }

    /** The start of an extended query; messages are added until Sync. */
    static PgRequest extended(long start) {
        PgRequest r = new PgRequest("ExtendedQuery", start);
        r.json.put("query", "");
        return r;
    }

    /** Adds one extended-query message (or a message that belongs to the round trip). */
    void add(int t, byte[] b, int kept, long wire) {
        count(PgNames.frontend(t), wire);
        PgReader in = new PgReader(b, 0, kept);
        switch (t) {
            case 'P':
                String statement = in.cstring();
                String query = in.cstring();
                json.putIfAbsent("statement", statement);
                if (queries == null) {
                    queries = new ArrayList<>();
                    json.put("query", query);
                } else if (queries.size() == 1) {
                    json.put("queries", queries);
                }
                if (queries.size() < MAX_LISTED) {
                    queries.add(query);
                }
                break;
            case 'B':
                bind(in);
                break;
            case 'E':
                json.putIfAbsent("portal", in.cstring());
                break;
            default:
                break;
        }
    }

    private void bind(PgReader in) {
        String portal = in.cstring();
        String statement = in.cstring();
        json.putIfAbsent("portal", portal);
        json.putIfAbsent("statement", statement);
        if (json.containsKey("parameters")) {
            return; // the first Bind of the round trip is shown
        }
        int formatCount = in.int16();
        int[] formats = new int[Math.max(0, Math.min(formatCount, MAX_LISTED))];
        for (int i = 0; i < formatCount && !in.isShort(); i++) {
            int f = in.int16();
            if (i < formats.length) {
                formats[i] = f;
            }
        }
        int count = in.int16();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < count && i < MAX_LISTED && !in.isShort(); i++) {
            int len = in.int32();
            boolean binary =
                    formats.length == 1 ? formats[0] == 1 : i < formats.length && formats[i] == 1;
            values.add(len < 0 ? null : in.text(Math.min(len, MAX_VALUE_CHARS), binary));
            if (len > MAX_VALUE_CHARS) {
                in.skip(len - MAX_VALUE_CHARS);
            }
        }
        json.put("parameterCount", Math.max(count, 0));
        json.put("parameters", values);
    }

    void count(String name, long wire) {
        messageCount++;
        size += wire;
        if (messages.size() < MAX_LISTED) {
            messages.add(name);
        }
    }

    String type() {
        return type;
    }

    String toJson() {
        json.put("messages", messages);
        json.put("messageCount", messageCount);
        return ItemJson.write(json);
    }
}
