package io.netinsights.js.kfl;

import java.util.regex.Pattern;

/**
 * Regex search for KFL with a step budget: java.util.regex backtracks, so a pathological pattern
 * could otherwise pin a task thread on a single item.
 */
final class KflRegex {

    /**
     * Regex steps (character reads) allowed per search: a fixed floor plus a multiple of the input
     * length, so linear patterns over large bodies pass and catastrophic backtracking stops after
     * roughly a quarter of a second. Kubeshark's RE2 is linear-time and needs no such guard.
     */
    private static final long BASE_BUDGET = 10_000_000L;

    private static final long PER_CHAR_BUDGET = 100L;

    private KflRegex() {}

    /** {@link java.util.regex.Matcher#find()} with a step budget against catastrophic patterns. */
    static boolean find(Pattern pattern, String value) {
        long budget = BASE_BUDGET + PER_CHAR_BUDGET * value.length();
        try {
            return pattern.matcher(new BudgetedChars(value, budget)).find();
        } catch (BudgetedChars.Exhausted e) {
            throw new KflException(
                    "regex r\""
                            + pattern.pattern()
                            + "\" exceeded its step budget on a value of "
                            + value.length()
                            + " characters",
                    -1);
        }
    }

    /** A character sequence that counts reads and fails once the budget is spent. */
    private static final class BudgetedChars implements CharSequence {

        /** Thrown when the budget is spent; carries no stack trace because it is expected. */
        static final class Exhausted extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Exhausted() {
                super("regex step budget exhausted", null, false, false);
            }
        }

        private final String s;
        private final int offset;
        private final int length;
        private final long[] budget;

        BudgetedChars(String s, long budget) {
            this(s, 0, s.length(), new long[] {budget});
        }

        private BudgetedChars(String s, int offset, int length, long[] budget) {
            this.s = s;
            this.offset = offset;
            this.length = length;
            this.budget = budget;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new Exhausted();
            }
            return s.charAt(offset + index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedChars(s, offset + start, end - start, budget);
        }

        @Override
        public String toString() {
            return s.substring(offset, offset + length);
        }
    }
}
