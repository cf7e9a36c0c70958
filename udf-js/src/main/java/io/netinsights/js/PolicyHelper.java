package io.netinsights.js;

import java.io.Serializable;
import java.util.Map;

/**
 * What the {@code policy} script helper calls: a network-policy evaluator over a set of policies
 * and a pod inventory, with plain maps in and JSON text out so that the runtime does not depend on
 * policy types. The job gives it to scripts through {@link ScriptConfig.Builder#policy}; without
 * one, {@code policy.*} throws a JavaScript error that says how to load policies.
 */
public interface PolicyHelper {
    /** The decision on a flow or an item as JSON; bad input throws IllegalArgumentException. */
    String evaluate(Map<String, Object> flowOrItem);

    /** The decision alone; bad input throws IllegalArgumentException. */
    boolean allowed(Map<String, Object> flowOrItem);

    /** {@code ["namespace/name", ...]} of the loaded policies, as JSON. */
    String list();

    /** Makes the helper where the script runs; travels with the job, so it is serializable. */
    interface Factory extends Serializable {
        PolicyHelper create();
    }
}
