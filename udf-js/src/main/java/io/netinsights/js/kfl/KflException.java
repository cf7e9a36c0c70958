package io.netinsights.js.kfl;

/**
 * A KFL query that cannot be compiled, or a regex that ran over its step budget; the message names
 * the 0-based character offset, for example {@code KFL: unexpected ')' at 14}.
 */
public final class KflException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The 0-based offset in the query the error refers to, or -1 when it has none. */
    private final int position;

    KflException(String message, int position) {
        super(position >= 0 ? "KFL: " + message + " at " + position : "KFL: " + message);
        this.position = position;
    }

    /** The 0-based character offset in the query, or -1 for errors raised while matching. */
    public int position() {
        return position;
    }
}
