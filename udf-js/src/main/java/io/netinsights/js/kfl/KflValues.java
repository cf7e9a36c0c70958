package io.netinsights.js.kfl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The value semantics of KFL over Java item trees: truthiness, loose equality and ordering between
 * numbers and strings, stringification for the string helpers, and JSON decoding.
 */
final class KflValues {

    /** What {@link #compare} returns when two values have no order (null, booleans, maps). */
    static final int INCOMPARABLE = Integer.MIN_VALUE;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The values a wildcard selector produced; operators are true when any element satisfies them.
     */
    record Multi(List<Object> values) {}

    private KflValues() {}

    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof String) {
            return !((String) v).isEmpty();
        }
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        if (v instanceof Map) {
            return !((Map<?, ?>) v).isEmpty();
        }
        if (v instanceof Collection) {
            return !((Collection<?>) v).isEmpty();
        }
        if (v instanceof Multi) {
            return !((Multi) v).values().isEmpty();
        }
        return true;
    }

    /** The text the string helpers see: integral numbers without ".0", maps and lists as JSON. */
    static String text(Object v) {
        if (v instanceof String) {
            return (String) v;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return v.toString();
        }
        if (v instanceof Map || v instanceof Collection) {
            try {
                return MAPPER.writeValueAsString(v);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a KFL value as JSON", e);
            }
        }
        return String.valueOf(v);
    }

    /** The value as a number: numbers as they are, numeric strings parsed, anything else null. */
    static Number number(Object v) {
        if (v instanceof Number) {
            return (Number) v;
        }
        if (v instanceof String && looksNumeric((String) v)) {
            String s = (String) v;
            boolean integral = true;
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c == '.' || c == 'e' || c == 'E') {
                    integral = false;
                }
            }
            if (integral && s.length() < 19) {
                return Long.parseLong(s);
            }
            return Double.parseDouble(s);
        }
        return null;
    }

    /** Whether {@code s} is an optionally signed decimal with optional fraction and exponent. */
    static boolean looksNumeric(String s) {
        int n = s.length();
        int k = 0;
        if (k < n && (s.charAt(k) == '-' || s.charAt(k) == '+')) {
            k++;
        }
        int digits = 0;
        while (k < n && Character.isDigit(s.charAt(k))) {
            k++;
            digits++;
        }
        if (k < n && s.charAt(k) == '.') {
            k++;
            while (k < n && Character.isDigit(s.charAt(k))) {
                k++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (k < n && (s.charAt(k) == 'e' || s.charAt(k) == 'E')) {
            k++;
            if (k < n && (s.charAt(k) == '-' || s.charAt(k) == '+')) {
                k++;
            }
            int exp = 0;
            while (k < n && Character.isDigit(s.charAt(k))) {
                k++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return k == n;
    }

    static boolean equal(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number || b instanceof Number) {
            Number x = number(a);
            Number y = number(b);
            return x != null && y != null && compareNumbers(x, y) == 0;
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) a;
            Map<?, ?> o = (Map<?, ?>) b;
            if (m.size() != o.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!o.containsKey(e.getKey()) || !equal(e.getValue(), o.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List && b instanceof List) {
            List<?> l = (List<?>) a;
            List<?> o = (List<?>) b;
            if (l.size() != o.size()) {
                return false;
            }
            Iterator<?> it = o.iterator();
            for (Object x : l) {
                if (!equal(x, it.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map || b instanceof Map || a instanceof List || b instanceof List) {
            return false;
        }
        return text(a).equals(text(b));
    }

    /**
     * Orders two values: numerically when both read as numbers (an RFC 3339 string read as Unix ms
     * when compared with a number), by code points when both are strings, else incomparable.
     */
    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return INCOMPARABLE;
        }
        Number x = orderNumber(a, b);
        Number y = orderNumber(b, a);
        if (x != null && y != null) {
            return Integer.signum(compareNumbers(x, y));
        }
        if (a instanceof String && b instanceof String) {
            return Integer.signum(((String) a).compareTo((String) b));
        }
        return INCOMPARABLE;
    }

    private static Number orderNumber(Object v, Object other) {
        Number n = number(v);
        if (n == null && v instanceof String && other instanceof Number) {
            return instantMillis((String) v);
        }
        return n;
    }

    /** Unix ms of an RFC 3339 instant such as {@code 2024-01-31T10:00:00Z}, or null. */
    static Long instantMillis(String s) {
        if (s.length() < 20 || s.charAt(4) != '-' || s.charAt(10) != 'T') {
            return null;
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null; // not an instant: the caller treats the value as a plain string
        }
    }

    static Number negate(Number n) {
        return isIntegral(n) ? (Number) (-n.longValue()) : (Number) (-n.doubleValue());
    }

    static int compareNumbers(Number x, Number y) {
        if (isIntegral(x) && isIntegral(y)) {
            return Long.compare(x.longValue(), y.longValue());
        }
        return Double.compare(x.doubleValue(), y.doubleValue());
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    static int size(Object v) {
        if (v instanceof String) {
            return ((String) v).length();
        }
        if (v instanceof Collection) {
            return ((Collection<?>) v).size();
        }
        if (v instanceof Map) {
            return ((Map<?, ?>) v).size();
        }
        if (v instanceof Multi) {
            return ((Multi) v).values().size();
        }
        return 0;
    }

    /**
     * Decodes a JSON text (or base64 of one, as Kubeshark bodies often are) into a tree; null when
     * the value is not JSON.
     */
    static Object json(Object v) {
        if (!(v instanceof String)) {
            return v instanceof Map || v instanceof List ? v : null;
        }
        String s = ((String) v).trim();
        if (s.isEmpty()) {
            return null;
        }
        Object parsed = parse(s);
        if (parsed != null) {
            return parsed;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(s);
            return parse(new String(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null; // neither JSON nor base64: the selector does not match
        }
    }

    private static Object parse(String s) {
        try {
            return MAPPER.readValue(s, Object.class);
        } catch (JsonProcessingException e) {
            return null; // not JSON: the caller may try base64 next
        }
    }
}
