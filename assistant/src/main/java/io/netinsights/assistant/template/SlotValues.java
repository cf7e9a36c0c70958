package io.netinsights.assistant.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks and normalises slot values (a number in a string becomes a number, a namespace must be a
 * DNS label, ...), and turns intervals into cron expressions and values into readable text.
 */
public final class SlotValues {
    /** Protocol names the item's {@code protocol.name} (or {@code abbr}) takes, and "any". */
    public static final Set<String> PROTOCOLS =
            Set.of(
                    "any",
                    "http",
                    "grpc",
                    "dns",
                    "redis",
                    "kafka",
                    "amqp",
                    "postgres",
                    "mysql",
                    "mongodb",
                    "ldap",
                    "radius",
                    "diameter",
                    "icmp",
                    "tcp",
                    "udp",
                    "sctp",
                    "ws");

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final long MAX_NUMBER = 1_000_000_000L;

    private SlotValues() {}

    /**
     * The value in its canonical Java type.
     *
     * @throws IllegalArgumentException naming the slot and what it accepts
     */
    public static Object normalize(Slot slot, Object value) {
        if (value == null) {
            throw bad(slot, null, "a value");
        }
        return switch (slot.type()) {
            case INT, MILLIS, WINDOW -> wholeNumber(slot, value, 0);
            case INTERVAL -> wholeNumber(slot, value, 1);
            case NUMBER, PERCENT -> number(slot, value);
            case PROTOCOL -> protocol(slot, value);
            case NAMESPACE -> namespace(slot, value);
            case ENUM -> oneOf(slot, value);
            case BOOL -> bool(slot, value);
            case STRING -> string(slot, value);
            case LIST -> list(slot, value);
            case JSON -> value;
        };
    }

    /** A 6-field cron (seconds first) that fires every {@code seconds}. */
    public static String cron(long seconds) {
        if (seconds < 60 && 60 % seconds == 0) {
            return seconds == 1 ? "* * * * * *" : "*/" + seconds + " * * * * *";
        }
        if (seconds % 60 == 0 && seconds < 3600 && 60 % (seconds / 60) == 0) {
            long m = seconds / 60;
            return m == 1 ? "0 * * * * *" : "0 */" + m + " * * * *";
        }
        if (seconds % 3600 == 0 && seconds < 86400 && 24 % (seconds / 3600) == 0) {
            long h = seconds / 3600;
            return h == 1 ? "0 0 * * * *" : "0 0 */" + h + " * * *";
        }
        if (seconds == 86400) {
            return "0 0 0 * * *";
        }
        return "@every " + seconds + "s";
    }

    /** "10 s", "1 min", "2 h" for a number of seconds. */
    public static String duration(long seconds) {
        if (seconds > 0 && seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }

    /** The value as text for comments and explanations. */
    public static String text(Slot slot, Object value) {
        String s =
                switch (slot.type()) {
                    case INTERVAL -> "every " + duration(((Number) value).longValue());
                    case WINDOW ->
                            ((Number) value).longValue() == 0
                                    ? "the whole time watched"
                                    : "the last " + duration(((Number) value).longValue() / 1000);
                    case NAMESPACE ->
                            value.toString().isEmpty() ? "every namespace" : "namespace " + value;
                    case PROTOCOL ->
                            "any".equals(value) ? "all" : value.toString().toUpperCase(Locale.ROOT);
                    case NUMBER, PERCENT -> plain(((Number) value).doubleValue());
                    default -> String.valueOf(value);
                };
        return s.replaceAll("[\\r\\n]+", " ");
    }

    static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15
                ? Long.toString((long) d)
                : Double.toString(d);
    }

    private static long wholeNumber(Slot slot, Object value, long min) {
        double d = toDouble(slot, value);
        if (d != Math.rint(d) || d < min || d > MAX_NUMBER) {
            throw bad(slot, value, "a whole number from " + min + " to " + MAX_NUMBER);
        }
        return (long) d;
    }

    private static double number(Slot slot, Object value) {
        double d = toDouble(slot, value);
        if (d < 0 || d > MAX_NUMBER || Double.isNaN(d)) {
            throw bad(slot, value, "a number from 0 to " + MAX_NUMBER);
        }
        return d;
    }

    private static double toDouble(Slot slot, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString().strip());
        } catch (NumberFormatException e) {
            throw bad(slot, value, "a number");
        }
    }

    private static String protocol(Slot slot, Object value) {
        String p = value.toString().strip().toLowerCase(Locale.ROOT);
        if (!PROTOCOLS.contains(p)) {
            throw bad(slot, value, "one of " + new java.util.TreeSet<>(PROTOCOLS));
        }
        return p;
    }

    private static String namespace(Slot slot, Object value) {
        String ns = value.toString().strip();
        if (!ns.isEmpty() && !DNS_LABEL.matcher(ns).matches()) {
            throw bad(slot, value, "a Kubernetes namespace name (lower-case DNS label) or \"\"");
        }
        return ns;
    }

    private static String oneOf(Slot slot, Object value) {
        String v = value.toString().strip();
        if (!slot.values().contains(v)) {
            throw bad(slot, value, "one of " + slot.values());
        }
        return v;
    }

    private static boolean bool(Slot slot, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String v = value.toString().strip().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw bad(slot, value, "true or false");
        }
        return Boolean.parseBoolean(v);
    }

    private static String string(Slot slot, Object value) {
        String v = value.toString();
        if (v.length() > 2000) {
            throw bad(slot, v.substring(0, 40) + "...", "at most 2000 characters");
        }
        return v;
    }

    private static List<String> list(Slot slot, Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        } else if (!value.toString().isBlank()) {
            for (String part : value.toString().split(",")) {
                out.add(part.strip());
            }
        }
        return out;
    }

    private static IllegalArgumentException bad(Slot slot, Object value, String expected) {
        return new IllegalArgumentException(
                "slot " + slot.name() + " takes " + expected + ", not " + value);
    }
}
