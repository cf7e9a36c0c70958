package io.netinsights.jobs.config;

import io.netinsights.js.PolicyHelper;
import io.netinsights.policy.ScriptPolicyFacade;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code policy} script helper backed by the text of a NetworkPolicy file and an optional pods
 * file (as {@code kubectl get -A -o yaml} prints them). The text travels with the job and each
 * script instance parses it where it runs, so a bad file fails at {@link #check()} on the client,
 * before the job starts.
 */
public final class PolicyFiles implements PolicyHelper.Factory {
    private static final long serialVersionUID = 1L;

    private final String policiesYaml;
    private final String podsYaml;

    public PolicyFiles(String policiesYaml, String podsYaml) {
        this.policiesYaml = Objects.requireNonNull(policiesYaml, "policiesYaml");
        this.podsYaml = podsYaml;
    }

    /** Parses both files once; throws IllegalArgumentException with the reason if they are bad. */
    public PolicyFiles check() {
        if (create().list().equals("[]")) {
            throw new IllegalArgumentException("no NetworkPolicy objects in the policies file");
        }
        return this;
    }

    @Override
    public PolicyHelper create() {
        ScriptPolicyFacade facade = ScriptPolicyFacade.of(policiesYaml, podsYaml);
        return new PolicyHelper() {
            @Override
            public String evaluate(Map<String, Object> flowOrItem) {
                return facade.evaluate(flowOrItem);
            }

            @Override
            public boolean allowed(Map<String, Object> flowOrItem) {
                return facade.allowed(flowOrItem);
            }

            @Override
            public String list() {
                return facade.list();
            }
        };
    }
}
