package io.netinsights.capture.dissect.http;

import java.util.Map;

/** Header names and cookies as HTTP/1.x and HTTP/2 items show them (Kubeshark's, and Go's, way). */
public final class HeaderText {

    private HeaderText() {}

    /** Go's {@code textproto.CanonicalMIMEHeaderKey}: names with odd characters stay as sent. */
    public static String canonicalName(String name) {
        char[] c = null; // allocated at the first letter to change; most names are canonical
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char x = name.charAt(i);
            if (x == ' ' || x > 0x7e || x <= 0x20 || x == ':') {
                return name;
            }
            char want = x;
            if (upper && x >= 'a' && x <= 'z') {
                want = (char) (x - 32);
            } else if (!upper && x >= 'A' && x <= 'Z') {
                want = (char) (x + 32);
            }
            if (want != x && c == null) {
                c = name.toCharArray();
            }
            if (c != null) {
                c[i] = want;
            }
            upper = x == '-';
        }
        return c == null ? name : new String(c);
    }

    /**
     * Adds one {@code name=value} pair of a {@code Cookie} or {@code Set-Cookie} header, trimmed,
     * with surrounding quotes taken off the value; pairs without a name are skipped.
     */
    public static void putCookie(Map<String, Object> out, String pair) {
        int eq = pair.indexOf('=');
        String name = (eq < 0 ? pair : pair.substring(0, eq)).trim();
        if (name.isEmpty()) {
            return;
        }
        String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        out.put(name, value);
    }
}
