package io.netinsights.capture.dissect.postgres;

import io.netinsights.schemas.json.ItemJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response of one PostgreSQL round trip: the server's messages up to and including
 * ReadyForQuery (or the one byte that answers an SSLRequest). Its JSON says how the round trip
 * ended ({@code type}: {@code ErrorResponse}, {@code CommandComplete}, ...), the command tags, the
 * columns and number of rows, the error ({@code error {severity, code, message, detail, hint,
 * position}}) and the transaction status, plus {@code messages} and {@code messageCount}.
 */
final class PgResponse {

    final long startMicros;
    long size;

    /** Whether a TCP gap took bytes of this round trip's messages. */
    boolean gap;

    private final List<String> messages = new ArrayList<>();
    private int messageCount;
    private final List<String> tags = new ArrayList<>();
    private List<String> columns;
    private long rows;
    private Map<String, Object> error;
    private int notices;
    private String transactionStatus;
    private String authentication;
    private Map<String, Object> parameters;
    private Integer backendPid;
    private Boolean encryptionAccepted;

    PgResponse(long startMicros) {
        this.startMicros = startMicros;
    }

    /** The server's one-byte answer to an SSLRequest or GSSENCRequest. */
    void answer(int b, long wire) {
        count(b == 'N' ? "EncryptionRefused" : "EncryptionAccepted", wire);
        encryptionAccepted = b != 'N';
    }

    void add(int t, byte[] b, int kept, long wire) {
        count(PgNames.backend(t), wire);
        PgReader in = new PgReader(b, 0, kept);
        switch (t) {
            case 'C':
                if (tags.size() < PgRequest.MAX_LISTED) {
                    tags.add(in.cstring());
                }
                break;
            case 'D':
                rows++;
                break;
            case 'T':
                if (columns == null) {
                    columns = columns(in);
                }
                break;
            case 'E':
                if (error == null) {
                    error = fields(in);
                }
                break;
            case 'N':
                notices++;
                break;
            case 'Z':
                transactionStatus = transactionStatus(in.int8());
                break;
            case 'R':
                authentication = PgNames.authentication(in.int32());
                break;
            case 'S':
                if (parameters == null) {
                    parameters = new LinkedHashMap<>();
                }
                if (parameters.size() < PgRequest.MAX_LISTED) {
                    parameters.put(in.cstring(), in.cstring());
                }
                break;
            case 'K':
                backendPid = in.int32();
                break;
            default:
                break;
        }
    }

    private void count(String name, long wire) {
        messageCount++;
        size += wire;
        if (messages.size() < PgRequest.MAX_LISTED) {
            messages.add(name);
        }
    }

    private static List<String> columns(PgReader in) {
        int n = in.int16();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n && !in.isShort(); i++) {
            String name = in.cstring();
            in.skip(18); // table oid, column number, type oid, size, modifier, format
            if (names.size() < 256) {
                names.add(name);
            }
        }
        return names;
    }

    /** The fields of an ErrorResponse, named as in the protocol documentation. */
    private static Map<String, Object> fields(PgReader in) {
        Map<String, Object> e = new LinkedHashMap<>();
        String severity = "";
        String localized = "";
        e.put("severity", "");
        e.put("code", "");
        e.put("message", "");
        while (in.hasMore()) {
            int f = in.int8();
            if (f == 0) {
                break;
            }
            String v = in.cstring();
            switch (f) {
                case 'S':
                    localized = v;
                    break;
                case 'V':
                    severity = v;
                    break;
                case 'C':
                    e.put("code", v);
                    break;
                case 'M':
                    e.put("message", v);
                    break;
                case 'D':
                    e.put("detail", v);
                    break;
                case 'H':
                    e.put("hint", v);
                    break;
                case 'P':
                    e.put("position", v);
                    break;
                case 'W':
                    e.put("where", v);
                    break;
                case 's':
                    e.put("schema", v);
                    break;
                case 't':
                    e.put("table", v);
                    break;
                case 'c':
                    e.put("column", v);
                    break;
                case 'n':
                    e.put("constraint", v);
                    break;
                default:
                    break; // file, line, routine and future fields
            }
        }
        e.put("severity", severity.isEmpty() ? localized : severity);
        return e;
    }

    private static String transactionStatus(int status) {
        switch (status) {
            case 'I':
                return "idle";
            case 'T':
                return "inTransaction";
            case 'E':
                return "failedTransaction";
            default:
                return String.valueOf((char) status);
        }
    }

    /** How the round trip ended: with an error, a command, or whatever came last. */
    private String type() {
        if (error != null) {
            return "ErrorResponse";
        }
        if (!tags.isEmpty()) {
            return "CommandComplete";
        }
        return messages.isEmpty() ? "" : messages.get(messages.size() - 1);
    }

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type());
        if (!tags.isEmpty()) {
            m.put("command", tags.get(tags.size() - 1));
            m.put("commandTags", tags);
        }
        if (columns != null) {
            m.put("columns", columns);
        }
        if (columns != null || rows > 0) {
            m.put("rows", rows);
        }
        if (error != null) {
            m.put("error", error);
        }
        if (notices > 0) {
            m.put("notices", notices);
        }
        putIfSet(m, "authentication", authentication);
        putIfSet(m, "parameters", parameters);
        putIfSet(m, "backendPid", backendPid);
        putIfSet(m, "encryptionAccepted", encryptionAccepted);
        putIfSet(m, "transactionStatus", transactionStatus);
        m.put("messages", messages);
        m.put("messageCount", messageCount);
        return ItemJson.write(m);
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
