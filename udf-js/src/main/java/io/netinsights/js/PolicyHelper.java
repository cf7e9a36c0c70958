package io.netinsights.js;

import java.io.Serializable;

/**
 * What the {@code policy} script helper calls: a network-policy evaluator over a set of policies
 * and a pod inventory, with JSON text in and out so that the runtime does not depend on policy
 * types. The job gives it to scripts through {@link ScriptConfig.Builder#policy}; without one,
 * {@code policy.*} throws a JavaScript error that says how to load policies.
 */
public interface PolicyHelper {
    /** The decision on a flow or an item as JSON; bad input throws IllegalArgumentException. */
    String evaluate(String flowOrItemJson);

    /** The decision alone; bad input throws IllegalArgumentException. */
    boolean allowed(String flowOrItemJson);

    /** {@code ["namespace/name", ...]} of the loaded policies, as JSON. */
    String list();

    /** Makes the helper where the script runs; travels with the job, so it is serializable. */
    interface Factory extends Serializable {
        PolicyHelper create();
    }
}
