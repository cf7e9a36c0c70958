package io.netinsights.jobs.config;

import io.netinsights.js.ScriptConfig;
import io.netinsights.js.ScriptSource;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the script job needs: the script, its runtime settings, and how time and keys work.
 */
public final class ScriptJobOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Event time replays a capture deterministically; processing time is for live traffic. */
    public enum TimeMode {
        EVENT,
        PROCESSING
    }

    /** What a worker is: one script instance per node (Kubeshark), namespace or pod. */
    public enum KeyBy {
        NODE,
        NAMESPACE,
        POD
    }

    private final ScriptSource script;
    private final ScriptConfig scriptConfig;
    private final TimeMode timeMode;
    private final KeyBy keyBy;
    private final Duration outOfOrderness;

    private ScriptJobOptions(Builder b) {
        this.script = Objects.requireNonNull(b.script, "script");
        this.scriptConfig = b.scriptConfig;
        this.timeMode = b.timeMode;
        this.keyBy = b.keyBy;
        this.outOfOrderness = b.outOfOrderness;
    }

    public static Builder builder(ScriptSource script) {
        return new Builder(script);
    }

    public ScriptSource script() {
        return script;
    }

    public ScriptConfig scriptConfig() {
        return scriptConfig;
    }

    public TimeMode timeMode() {
        return timeMode;
    }

    public KeyBy keyBy() {
        return keyBy;
    }

    public Duration outOfOrderness() {
        return outOfOrderness;
    }

    /** Builder with defaults: event time, key by node, 2 s out-of-orderness. */
    public static final class Builder {
        private final ScriptSource script;
        private ScriptConfig scriptConfig = ScriptConfig.defaults();
        private TimeMode timeMode = TimeMode.EVENT;
        private KeyBy keyBy = KeyBy.NODE;
        private Duration outOfOrderness = Duration.ofSeconds(2);

        private Builder(ScriptSource script) {
            this.script = script;
        }

        public Builder scriptConfig(ScriptConfig c) {
            this.scriptConfig = Objects.requireNonNull(c, "scriptConfig");
            return this;
        }

        public Builder timeMode(TimeMode m) {
            this.timeMode = Objects.requireNonNull(m, "timeMode");
            return this;
        }

        public Builder keyBy(KeyBy k) {
            this.keyBy = Objects.requireNonNull(k, "keyBy");
            return this;
        }

        public Builder outOfOrderness(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("out-of-orderness must be >= 0, got " + d);
            }
            this.outOfOrderness = d;
            return this;
        }

        public ScriptJobOptions build() {
            if (script == null) {
                throw new IllegalArgumentException("a script is required");
            }
            return new ScriptJobOptions(this);
        }
    }
}
