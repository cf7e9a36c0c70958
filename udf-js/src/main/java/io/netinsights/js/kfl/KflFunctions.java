package io.netinsights.js.kfl;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns KFL helper calls into nodes at compile time: global functions such as {@code now()} or
 * {@code datetime("...")}, and methods on a selector such as {@code .contains("x")}. Constant
 * arguments (dates, regexes) are parsed here, once per query.
 */
final class KflFunctions {

    /** A regex literal {@code r"..."}; only valid beside {@code ==}, {@code !=} or in matches(). */
    record RegexLit(Pattern pattern, int pos) implements KflNode {
        @Override
        public Object eval(Map<String, Object> item, long now) {
            throw new IllegalStateException("regex literal evaluated outside a comparison");
        }
    }

    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("M/d/yyyy, h:mm:ss a", Locale.US);

    private static final DateTimeFormatter DATETIME_MS =
            DateTimeFormatter.ofPattern("M/d/yyyy, h:mm:ss.SSS a", Locale.US);

    private KflFunctions() {}

    static Pattern regex(String source, int pos) {
        try {
            return Pattern.compile(source);
        } catch (PatternSyntaxException e) {
            throw new KflException("bad regex (" + e.getDescription() + ")", pos);
        }
    }

    static long unitMillis(String unit) {
        switch (unit) {
            case "seconds":
                return 1_000L;
            case "minutes":
                return 60_000L;
            case "hours":
                return 3_600_000L;
            case "days":
                return 86_400_000L;
            case "weeks":
                return 604_800_000L;
            default:
                throw new IllegalArgumentException("unit " + unit);
        }
    }

    /** A global function call {@code name(args)} starting at {@code pos}. */
    static KflNode call(String name, List<KflNode> args, int pos) {
        switch (name) {
            case "now":
                arity(name, args, 0, pos);
                return new KflNode.Clock(null, null);
            case "seconds":
            case "minutes":
            case "hours":
            case "days":
            case "weeks":
            case "months":
            case "years":
                arity(name, args, 1, pos);
                return new KflNode.Clock(value(args.get(0), pos), name);
            case "datetime":
                arity(name, args, 1, pos);
                return new KflNode.Lit(datetime(constant(name, args.get(0), pos), pos));
            case "timestamp":
                arity(name, args, 1, pos);
                return new KflNode.Lit(timestamp(constant(name, args.get(0), pos), pos));
            case "size":
                arity(name, args, 1, pos);
                return new KflNode.Size(value(args.get(0), pos));
            case "limit":
            case "rlimit":
            case "leftOff":
                // Kubeshark applies these to the result stream; as a predicate they are true.
                return new KflNode.Lit(Boolean.TRUE);
            default:
                throw new KflException("unknown function '" + name + "'", pos);
        }
    }

    /**
     * A method call {@code target.name(args)}; {@code .json()} is a path step, not handled here.
     */
    static KflNode method(KflNode target, String name, List<KflNode> args, int pos) {
        value(target, pos);
        switch (name) {
            case "contains":
            case "startsWith":
            case "endsWith":
                arity(name, args, 1, pos);
                return new KflNode.StringTest(name, target, value(args.get(0), pos));
            case "matches":
                arity(name, args, 1, pos);
                KflNode arg = args.get(0);
                if (arg instanceof RegexLit) {
                    return new KflNode.Matches(target, ((RegexLit) arg).pattern());
                }
                return new KflNode.Matches(target, regex(constant(name, arg, pos), pos));
            case "size":
                arity(name, args, 0, pos);
                return new KflNode.Size(target);
            case "xml":
            case "redact":
                throw new KflException(name + "() is not supported", pos);
            default:
                throw new KflException("unknown helper '" + name + "'", pos);
        }
    }

    /** Rejects a regex literal where a value is needed. */
    static KflNode value(KflNode n, int pos) {
        if (n instanceof RegexLit) {
            throw new KflException(
                    "a regex literal can only follow '==' or '!=' or be the argument of matches()",
                    ((RegexLit) n).pos());
        }
        return n;
    }

    private static void arity(String name, List<KflNode> args, int n, int pos) {
        if (args.size() != n) {
            throw new KflException(
                    name
                            + "() takes "
                            + n
                            + " argument"
                            + (n == 1 ? "" : "s")
                            + ", got "
                            + args.size(),
                    pos);
        }
    }

    private static String constant(String name, KflNode arg, int pos) {
        if (arg instanceof KflNode.Lit && ((KflNode.Lit) arg).value() instanceof String) {
            return (String) ((KflNode.Lit) arg).value();
        }
        throw new KflException(name + "() needs a string literal", pos);
    }

    /** Kubeshark's en-US {@code "1/2/2006, 3:04:05 PM"} (optionally with .000 ms), as UTC. */
    private static long datetime(String s, int pos) {
        for (DateTimeFormatter f : new DateTimeFormatter[] {DATETIME, DATETIME_MS}) {
            try {
                return LocalDateTime.parse(s, f).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e) {
                // try the next accepted layout; the error below reports the value
                continue;
            }
        }
        throw new KflException(
                "datetime() expects \"M/D/YYYY, h:mm:ss AM\" (UTC), got \"" + s + "\"", pos);
    }

    private static long timestamp(String s, int pos) {
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new KflException(
                    "timestamp() expects an RFC 3339 instant such as \"2024-02-01T14:00:00Z\", got"
                            + " \""
                            + s
                            + "\"",
                    pos);
        }
    }
}
