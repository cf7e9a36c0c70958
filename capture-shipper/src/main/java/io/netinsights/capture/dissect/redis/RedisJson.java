package io.netinsights.capture.dissect.redis;

import io.netinsights.schemas.json.ItemJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code request} and {@code response} objects of Redis items, named as Kubeshark's Redis
 * dissector names them: {@code {type, command, key, value, keyword}}, empty fields left out. A
 * command's first word is {@code command} (upper case), its second {@code key}, and the rest {@code
 * value} ({@code "[a, b, c]"} when more than one). Simple-string replies that are Redis keywords
 * ({@code OK}, {@code PONG}, {@code QUEUED}) go to {@code keyword}, errors get Kubeshark's class
 * prefix ({@code "DataError: ..."}). Beyond Kubeshark, aggregate replies are rendered into {@code
 * value} ({@code "[a, b]"}, maps as {@code "{k: v}"}) and RESP3 types have names of their own.
 */
final class RedisJson {

    /** Kubeshark's list of reply keywords. */
    private static final Set<String> KEYWORDS =
            Set.of(
                    ("AGGREGATE ALPHA ASC BY DESC GET LIMIT MESSAGE NO NOSORT PMESSAGE PSUBSCRIBE"
                                    + " PUNSUBSCRIBE OK ONE QUEUED SET STORE SUBSCRIBE UNSUBSCRIBE"
                                    + " WEIGHTS WITHSCORES RESETSTAT REWRITE RESET FLUSH EXISTS LOAD"
                                    + " KILL LEN REFCOUNT ENCODING IDLETIME GETNAME SETNAME LIST MATCH"
                                    + " COUNT PING PONG UNLOAD REPLACE KEYS PAUSE DOCTOR BLOCK NOACK"
                                    + " STREAMS KEY CREATE MKSTREAM SETID DESTROY DELCONSUMER MAXLEN"
                                    + " GROUP IDLE TIME RETRYCOUNT FORCE")
                            .split(" "));

    private RedisJson() {}

    /** Kubeshark's name of a RESP type ({@code "Bulk String"}); RESP3 types named likewise. */
    static String typeName(RespValue v) {
        switch (v.type) {
            case '+':
                return "Simple String";
            case '-':
                return "Error";
            case ':':
                return "Integer";
            case '$':
                return "Bulk String";
            case '*':
                return "Array";
            case '_':
                return "Null";
            case '#':
                return "Boolean";
            case ',':
                return "Double";
            case '(':
                return "Big Number";
            case '!':
                return "Bulk Error";
            case '=':
                return "Verbatim String";
            case '%':
                return "Map";
            case '~':
                return "Set";
            case '|':
                return "Attribute";
            case '>':
                return "Push";
            case RespValue.INLINE:
                return "Inline Command";
            default:
                return "N/A";
        }
    }

    /** A command (array of bulk strings or inline) as {@code {type, command, key, value}}. */
    static String request(RespValue v, int cap) {
        return ItemJson.write(command(v, typeName(v), cap));
    }

    /** A push (pub/sub message, invalidation, monitor line) with the fields of a command. */
    static String push(RespValue v, int cap) {
        if (!v.isAggregate()) {
            Map<String, Object> m = reply(v, cap);
            m.put("type", "Push");
            return ItemJson.write(m);
        }
        return ItemJson.write(command(v, "Push", cap));
    }

    /** A reply as {@code {type, value}} or {@code {type, keyword}}. */
    static String response(RespValue v, int cap) {
        return ItemJson.write(reply(v, cap));
    }

    /** Several replies that answer one command (subscribe confirmations) as one array reply. */
    static String responses(List<RespValue> replies, int cap) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", typeName(replies.get(0)));
        StringBuilder sb = new StringBuilder();
        sb.append('[');
        for (int i = 0; i < replies.size() && sb.length() < cap; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            render(replies.get(i), sb, cap);
        }
        sb.append(']');
        m.put("value", cut(sb, cap));
        return ItemJson.write(m);
    }

    private static Map<String, Object> command(RespValue v, String type, int cap) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        List<RespValue> words = v.children();
        if (!v.isAggregate() || words.isEmpty() || words.get(0).isAggregate()) {
            putIfNotEmpty(m, "value", render(v, cap));
            return m;
        }
        putIfNotEmpty(m, "command", words.get(0).text().toUpperCase(Locale.ROOT));
        if (words.size() > 1) {
            putIfNotEmpty(m, "key", render(words.get(1), cap));
        }
        if (words.size() == 3) {
            putIfNotEmpty(m, "value", render(words.get(2), cap));
        } else if (words.size() > 3) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 2; i < words.size() && sb.length() < cap; i++) {
                if (i > 2) {
                    sb.append(", ");
                }
                render(words.get(i), sb, cap);
            }
            m.put("value", cut(sb.append(']'), cap));
        }
        if (v.truncated || v.declaredChildren > words.size()) {
            m.put("truncated", true);
        }
        return m;
    }

    private static Map<String, Object> reply(RespValue v, int cap) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", typeName(v));
        if (v.type == '+' && KEYWORDS.contains(v.text().toUpperCase(Locale.ROOT))) {
            m.put("keyword", v.text().toUpperCase(Locale.ROOT));
        } else if (v.type == '-' || v.type == '!') {
            putIfNotEmpty(m, "value", errorValue(v.text()));
        } else {
            putIfNotEmpty(m, "value", render(v, cap));
        }
        if (v.attributes != null) {
            m.put("attributes", render(v.attributes, cap));
        }
        if (v.truncated) {
            m.put("truncated", true);
        }
        return m;
    }

    /** Kubeshark's error text: the error class, then the message ({@code "DataError: ERR ..."}). */
    static String errorValue(String msg) {
        if (msg.startsWith("MOVED ") || msg.startsWith("ASK ")) {
            String[] parts = msg.split(" ");
            if (parts.length >= 3) {
                int colon = parts[2].lastIndexOf(':');
                String host = colon < 0 ? parts[2] : parts[2].substring(0, colon);
                String port = colon < 0 ? "" : parts[2].substring(colon + 1);
                String kind = msg.startsWith("MOVED ") ? "MovedDataError" : "AskDataError";
                return kind + ": " + msg + " host: " + host + " port: " + port + " slot: "
                        + parts[1];
            }
        }
        if (msg.startsWith("CLUSTERDOWN ")) {
            return "ClusterError: " + msg;
        }
        if (msg.startsWith("BUSY ")) {
            return "BusyError: " + msg;
        }
        if (msg.startsWith("NOSCRIPT ")) {
            return "NoScriptError: " + msg;
        }
        return "DataError: " + msg;
    }

    /** The value as text: leaves as they are, aggregates as {@code [a, b]} or {@code {k: v}}. */
    static String render(RespValue v, int cap) {
        StringBuilder sb = new StringBuilder();
        render(v, sb, cap);
        return cut(sb, cap);
    }

    private static void render(RespValue v, StringBuilder sb, int cap) {
        if (v.isNull && !v.isAggregate()) {
            return;
        }
        if (!v.isAggregate()) {
            if (v.type == '#') {
                sb.append("t".equals(v.text()) ? "true" : "false");
            } else if (v.type == '=' && v.textLength() >= 4 && v.text().charAt(3) == ':') {
                sb.append(v.text(), 4, v.text().length()); // drop the "txt:" format prefix
            } else {
                sb.append(v.text());
            }
            return;
        }
        if (v.isNull) {
            return;
        }
        boolean map = v.isMap();
        sb.append(map ? '{' : '[');
        List<RespValue> c = v.children();
        for (int i = 0; i < c.size() && sb.length() < cap; i++) {
            if (i > 0) {
                sb.append(map && i % 2 == 1 ? ": " : ", ");
            }
            RespValue child = c.get(i);
            if (child.isNull) {
                sb.append("(nil)");
            } else {
                render(child, sb, cap);
            }
        }
        sb.append(map ? '}' : ']');
    }

    private static String cut(StringBuilder sb, int cap) {
        return sb.length() > cap ? sb.substring(0, cap) : sb.toString();
    }

    private static void putIfNotEmpty(Map<String, Object> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }
}
