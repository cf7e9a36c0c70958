package io.netinsights.capture.dissect.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request target of an HTTP request line split the way Go's {@code net/url} does it, which is
 * what Kubeshark items carry: {@code path} is percent-decoded, {@code pathSegments} is the path
 * split on {@code /} without the first element, the query string becomes a map whose repeated keys
 * hold arrays.
 */
public final class Target {

    public final String path;
    final String rawQuery;

    private Target(String path, String rawQuery) {
        this.path = path;
        this.rawQuery = rawQuery;
    }

    /** Origin form ({@code /a?b}), absolute form ({@code http://h/a?b}), {@code *} or authority. */
    public static Target parse(String target) {
        int hash = target.indexOf('#');
        String t = hash < 0 ? target : target.substring(0, hash);
        int q = t.indexOf('?');
        String rawPath = q < 0 ? t : t.substring(0, q);
        String rawQuery = q < 0 ? "" : t.substring(q + 1);
        int scheme = rawPath.indexOf("://");
        if (scheme > 0 && !rawPath.startsWith("/")) {
            int slash = rawPath.indexOf('/', scheme + 3);
            rawPath = slash < 0 ? "" : rawPath.substring(slash);
        } else if (!rawPath.startsWith("/") && !rawPath.equals("*")) {
            rawPath = ""; // authority form (CONNECT host:port)
        }
        String decoded = unescape(rawPath, false);
        return new Target(decoded == null ? rawPath : decoded, rawQuery);
    }

    /** {@code strings.Split(path, "/")[1:]} in Go: "" gives [], "/" gives [""]. */
    public List<String> segments() {
        List<String> parts = HttpJson.split(path, '/');
        return new ArrayList<>(parts.subList(1, parts.size()));
    }

    /** Query parameters; a key given once maps to a string, repeated keys to a list. */
    public Map<String, Object> query() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : HttpJson.split(rawQuery, '&')) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = unescape(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : unescape(pair.substring(eq + 1), true);
            if (key == null || value == null) {
                continue; // Go skips pairs with bad escapes
            }
            add(out, key, value);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> out, String key, String value) {
        Object old = out.get(key);
        if (old == null) {
            out.put(key, value);
        } else if (old instanceof List) {
            ((List<String>) old).add(value);
        } else {
            List<String> list = new ArrayList<>();
            list.add((String) old);
            list.add(value);
            out.put(key, list);
        }
    }

    /**
     * Percent-decoding to UTF-8 of a string read as ISO-8859-1 (one char per byte); {@code plus}
     * turns '+' into a space. Null for a bad escape.
     */
    public static String unescape(String s, boolean plus) {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = c != '%' && c < 0x80 && !(plus && c == '+');
        }
        if (plain) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plus) {
                out.write(' ');
            } else {
                out.write((byte) c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
