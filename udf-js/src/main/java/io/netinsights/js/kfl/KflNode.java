package io.netinsights.js.kfl;

import io.netinsights.js.kfl.KflValues.Multi;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A node of a compiled KFL expression; evaluating it against an item tree yields a Java value
 * (Boolean, String, Number, Map, List, null or a wildcard {@link Multi}). Nodes are immutable, so a
 * compiled query is safe to share between threads.
 */
interface KflNode {

    /** Evaluates the node against {@code item}; {@code now} is the Unix ms time helpers read. */
    Object eval(Map<String, Object> item, long now);

    /** A literal: string, number, boolean or null. */
    record Lit(Object value) implements KflNode {
        @Override
        public Object eval(Map<String, Object> item, long now) {
            return value;
        }
    }

    /** {@code l and r}, short-circuit. */
    record And(KflNode l, KflNode r) implements KflNode {
        @Override
        public Object eval(Map<String, Object> item, long now) {
            return KflValues.truthy(l.eval(item, now)) && KflValues.truthy(r.eval(item, now));
        }
    }

    /** {@code l or r}, short-circuit. */
    record Or(KflNode l, KflNode r) implements KflNode {
        @Override
        public Object eval(Map<String, Object> item, long now) {
            return KflValues.truthy(l.eval(item, now)) || KflValues.truthy(r.eval(item, now));
        }
    }

    /** {@code not e} / {@code !e}. */
    record Not(KflNode e) implements KflNode {
        @Override
        public Object eval(Map<String, Object> item, long now) {
            return !KflValues.truthy(e.eval(item, now));
        }
    }

    /** Comparison operators. */
    enum Op {
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE;

        /** The operator a token spells, or null. */
        static Op of(KflLexer.Kind kind) {
            switch (kind) {
                case EQ:
                    return EQ;
                case NE:
                    return NE;
                case LT:
                    return LT;
                case LE:
                    return LE;
                case GT:
                    return GT;
                case GE:
                    return GE;
                default:
                    return null;
            }
        }

        boolean test(Object a, Object b) {
            if (this == EQ) {
                return KflValues.equal(a, b);
            }
            if (this == NE) {
                return !KflValues.equal(a, b);
            }
            int c = KflValues.compare(a, b);
            if (c == KflValues.INCOMPARABLE) {
                return false;
            }
            switch (this) {
                case LT:
                    return c < 0;
                case LE:
                    return c <= 0;
                case GT:
                    return c > 0;
                default:
                    return c >= 0;
            }
        }
    }

    /** {@code l op r}; with a wildcard on either side, true when any element satisfies it. */
    record Compare(Op op, KflNode l, KflNode r) implements KflNode {
        @Override
        public Object eval(Map<String, Object> item, long now) {
            return any(l.eval(item, now), r.eval(item, now), op::test);
        }
    }

    /** {@code value == r"re"} (or {@code !=}): an unanchored search, as Go's RE2 does. */
    record RegexMatch(KflNode value, Pattern pattern, boolean negate) implements KflNode {
        @Override
        public Object eval(Map<String, Object> item, long now) {
            return any(
                    value.eval(item, now),
                    v -> (v != null && KflRegex.find(pattern, KflValues.text(v))) != negate);
        }
    }

    /** {@code needle in haystack}: list membership or map key; header keys ignore case. */
    record In(KflNode needle, KflNode haystack, boolean ignoreKeyCase) implements KflNode {
        @Override
        public Object eval(Map<String, Object> item, long now) {
            Object hay = haystack.eval(item, now);
            return any(needle.eval(item, now), n -> contains(hay, n));
        }

        private boolean contains(Object hay, Object n) {
            if (hay instanceof Map) {
                Map<?, ?> m = (Map<?, ?>) hay;
                return n != null
                        && (m.containsKey(KflValues.text(n))
                                || (ignoreKeyCase
                                        && KflPath.keyIgnoringCase(m, KflValues.text(n)) != null));
            }
            Iterable<?> values =
                    hay instanceof Multi
                            ? ((Multi) hay).values()
                            : hay instanceof Iterable ? (Iterable<?>) hay : null;
            if (values != null) {
                for (Object v : values) {
                    if (KflValues.equal(v, n)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** Unary minus on a number; anything else becomes null. */
    record Neg(KflNode e) implements KflNode {
        @Override
        public Object eval(Map<String, Object> item, long now) {
            Number n = KflValues.number(e.eval(item, now));
            return n == null ? null : KflValues.negate(n);
        }
    }

    /** The string helpers {@code contains}, {@code startsWith}, {@code endsWith}. */
    record StringTest(String helper, KflNode target, KflNode arg) implements KflNode {
        @Override
        public Object eval(Map<String, Object> item, long now) {
            Object a = arg.eval(item, now);
            if (a == null) {
                return false;
            }
            String needle = KflValues.text(a);
            return any(target.eval(item, now), v -> v != null && test(KflValues.text(v), needle));
        }

        private boolean test(String s, String needle) {
            switch (helper) {
                case "startsWith":
                    return s.startsWith(needle);
                case "endsWith":
                    return s.endsWith(needle);
                default:
                    return s.contains(needle);
            }
        }
    }

    /** {@code target.matches("re")}: an unanchored search, like CEL and Go. */
    record Matches(KflNode target, Pattern pattern) implements KflNode {
        @Override
        public Object eval(Map<String, Object> item, long now) {
            return any(
                    target.eval(item, now),
                    v -> v != null && KflRegex.find(pattern, KflValues.text(v)));
        }
    }

    /** {@code size(x)} / {@code x.size()}: length of a string, list or map; 0 otherwise. */
    record Size(KflNode target) implements KflNode {
        @Override
        public Object eval(Map<String, Object> item, long now) {
            return (long) KflValues.size(target.eval(item, now));
        }
    }

    /**
     * {@code now()} and the relative helpers {@code seconds(n)} ... {@code years(n)}, in Unix ms.
     */
    record Clock(KflNode amount, String unit) implements KflNode {
        @Override
        public Object eval(Map<String, Object> item, long now) {
            if (amount == null) {
                return now;
            }
            Number n = KflValues.number(amount.eval(item, now));
            if (n == null) {
                return null;
            }
            long k = n.longValue();
            switch (unit) {
                case "months":
                    return utc(now).plusMonths(k).toInstant().toEpochMilli();
                case "years":
                    return utc(now).plusYears(k).toInstant().toEpochMilli();
                default:
                    return now + k * KflFunctions.unitMillis(unit);
            }
        }

        private static ZonedDateTime utc(long now) {
            return ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
        }
    }

    /**
     * A bare identifier: the item's field of that name when present, otherwise the protocol
     * shortcut or alias of that name (see {@link KflNames}), otherwise null.
     */
    record Root(String name, Set<String> shortcut, Function<Map<String, Object>, Object> alias)
            implements KflNode {
        @Override
        public Object eval(Map<String, Object> item, long now) {
            Object v = item.get(name);
            if (v != null || item.containsKey(name)) {
                return v;
            }
            if (shortcut != null) {
                return KflNames.isProtocol(item, shortcut);
            }
            return alias == null ? null : alias.apply(item);
        }
    }

    /** True when {@code pred} holds for {@code v}, or for any element when it is a wildcard. */
    private static boolean any(Object v, Predicate<Object> pred) {
        if (v instanceof Multi) {
            for (Object x : ((Multi) v).values()) {
                if (pred.test(x)) {
                    return true;
                }
            }
            return false;
        }
        return pred.test(v);
    }

    private static boolean any(Object a, Object b, BiPredicate<Object, Object> pred) {
        return any(a, x -> any(b, y -> pred.test(x, y)));
    }
}
