package io.netinsights.assistant;

import io.netinsights.assistant.llm.ChatClient;
import io.netinsights.schemas.ApiItem;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@link Assistant#ask} works: the model to use (none = offline, templates only), whether to
 * prefer it over a matching template, the dry run (traffic, pods, environment, time budget), the
 * retrieval threshold and the number of repair rounds.
 */
public final class AskOptions {
    /** Default minimum retrieval score below which the assistant does not answer offline. */
    public static final double DEFAULT_MIN_SCORE = 0.5;

    private final ChatClient model;
    private final boolean preferModel;
    private final boolean dryRun;
    private final Duration dryRunBudget;
    private final List<ApiItem> sampleItems;
    private final List<String> pods;
    private final Map<String, String> env;
    private final double minScore;
    private final int maxRepairs;

    private AskOptions(Builder b) {
        this.model = b.model;
        this.preferModel = b.preferModel;
        this.dryRun = b.dryRun;
        this.dryRunBudget = b.dryRunBudget;
        this.sampleItems = b.sampleItems == null ? null : List.copyOf(b.sampleItems);
        this.pods = b.pods == null ? null : List.copyOf(b.pods);
        this.env = Map.copyOf(b.env);
        this.minScore = b.minScore;
        this.maxRepairs = b.maxRepairs;
    }

    /** Offline, with a dry run on the built-in generated traffic. */
    public static AskOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The model, or null when offline. */
    public ChatClient model() {
        return model;
    }

    public boolean preferModel() {
        return preferModel;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Duration dryRunBudget() {
        return dryRunBudget;
    }

    /** Dry-run traffic, or null for the built-in generated traffic. */
    public List<ApiItem> sampleItems() {
        return sampleItems;
    }

    /** Pods (JSON) for onPodEvent in the dry run, or null for the generated inventory. */
    public List<String> pods() {
        return pods;
    }

    public Map<String, String> env() {
        return env;
    }

    public double minScore() {
        return minScore;
    }

    public int maxRepairs() {
        return maxRepairs;
    }

    /** Builder; {@link #build()} checks the values. */
    public static final class Builder {
        private ChatClient model;
        private boolean preferModel;
        private boolean dryRun = true;
        private Duration dryRunBudget = Duration.ofSeconds(30);
        private List<ApiItem> sampleItems;
        private List<String> pods;
        private final Map<String, String> env = new LinkedHashMap<>();
        private double minScore = DEFAULT_MIN_SCORE;
        private int maxRepairs = 3;

        public Builder model(ChatClient model) {
            this.model = model;
            return this;
        }

        /** Ask the model even when a template matches (templates become its examples). */
        public Builder preferModel(boolean prefer) {
            this.preferModel = prefer;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        public Builder dryRunBudget(Duration budget) {
            this.dryRunBudget = budget;
            return this;
        }

        public Builder sampleItems(List<ApiItem> items) {
            this.sampleItems = items;
            return this;
        }

        public Builder pods(List<String> pods) {
            this.pods = pods;
            return this;
        }

        public Builder env(Map<String, String> env) {
            this.env.putAll(env);
            return this;
        }

        public Builder minScore(double minScore) {
            this.minScore = minScore;
            return this;
        }

        public Builder maxRepairs(int maxRepairs) {
            this.maxRepairs = maxRepairs;
            return this;
        }

        public AskOptions build() {
            if (dryRunBudget == null || dryRunBudget.isNegative() || dryRunBudget.isZero()) {
                throw new IllegalArgumentException(
                        "dry-run budget must be positive, got " + dryRunBudget);
            }
            if (maxRepairs < 0 || maxRepairs > 10) {
                throw new IllegalArgumentException(
                        "repair rounds must be 0 to 10, got " + maxRepairs);
            }
            if (minScore < 0 || minScore > 1) {
                throw new IllegalArgumentException("minimum score must be 0 to 1, got " + minScore);
            }
            return new AskOptions(this);
        }
    }
}
