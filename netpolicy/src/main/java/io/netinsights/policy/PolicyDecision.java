package io.netinsights.policy;

import java.io.Serializable;
import java.util.List;

/**
 * The verdict on one flow: allowed only if both the source pod's egress and the destination pod's
 * ingress allow it.
 *
 * @param allowed whether the flow would be allowed
 * @param ingress the destination side
 * @param egress the source side
 */
public record PolicyDecision(boolean allowed, Direction ingress, Direction egress)
        implements Serializable {

    /** Both directions. */
    public static PolicyDecision of(Direction ingress, Direction egress) {
        return new PolicyDecision(ingress.allowed() && egress.allowed(), ingress, egress);
    }

    /**
     * One direction of a flow.
     *
     * @param isolated whether any policy selects the pod for this direction (default deny)
     * @param allowed whether the flow is allowed in this direction
     * @param policies {@code namespace/name} of the policies that select the pod for this direction
     * @param allowedBy the subset of {@code policies} with a rule that allows the flow
     * @param reason why, in a few words
     */
    public record Direction(
            boolean isolated,
            boolean allowed,
            List<String> policies,
            List<String> allowedBy,
            String reason)
            implements Serializable {

        public Direction {
            policies = List.copyOf(policies);
            allowedBy = List.copyOf(allowedBy);
        }

        /** Allowed without looking at policies (not a pod, loopback, the pod's node). */
        static Direction open(String reason) {
            return new Direction(false, true, List.of(), List.of(), reason);
        }

        /** Whether this direction denies the flow. */
        public boolean denied() {
            return !allowed;
        }
    }
}
