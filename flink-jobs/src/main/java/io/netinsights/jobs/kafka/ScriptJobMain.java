package io.netinsights.jobs.kafka;

import io.netinsights.jobs.ScriptJob;
import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.jobs.sinks.SinkEnvironment;
import io.netinsights.jobs.sinks.SinkRouter;
import io.netinsights.js.ScriptConfig;
import io.netinsights.js.ScriptSource;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.MultipleParameterTool;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point of a submitted script job (the shaded job jar's main class on a session cluster):
 * {@code --name N --kafka BOOTSTRAP --script-file F --script-base64 S [--env K=V]... [--start-from
 * earliest|latest]}. The script reads items from Kafka in processing time and writes console lines,
 * reports and dead letters to their topics; vendor calls are delivered by the sinks.
 */
public final class ScriptJobMain {
    /** Checkpoint interval when the cluster configuration sets none. */
    static final long DEFAULT_CHECKPOINT_MILLIS = 10_000;

    private ScriptJobMain() {}

    /** What the program arguments say. */
    record Args(
            String name,
            String bootstrap,
            ScriptSource script,
            Map<String, String> env,
            KafkaOptions.StartFrom startFrom) {}

    static Args parse(String[] args) {
        MultipleParameterTool p = MultipleParameterTool.fromArgs(args);
        String name = required(p, "name");
        String bootstrap = required(p, "kafka");
        String code;
        try {
            code =
                    new String(
                            Base64.getDecoder().decode(required(p, "script-base64")),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--script-base64 is not base64: " + e.getMessage(), e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (p.has("env")) {
            for (String kv : p.getMultiParameter("env")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--env must be K=V, was " + kv);
                }
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        String file = p.get("script-file", name + ".js");
        String from = p.get("start-from", "latest");
        KafkaOptions.StartFrom startFrom;
        try {
            startFrom = KafkaOptions.StartFrom.valueOf(from.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--start-from must be earliest or latest, was " + from, e);
        }
        return new Args(name, bootstrap, new ScriptSource(file, code), env, startFrom);
    }

    private static String required(MultipleParameterTool p, String key) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return v;
    }

    public static void main(String[] argv) throws Exception {
        Args args = parse(argv);
        ScriptJobOptions script =
                ScriptJobOptions.builder(args.script())
                        .scriptConfig(ScriptConfig.builder().env(args.env()).build())
                        .timeMode(ScriptJobOptions.TimeMode.PROCESSING)
                        .build();
        KafkaOptions kafka =
                KafkaOptions.builder(args.bootstrap())
                        .groupId("netinsights-" + args.name())
                        .transactionalIdPrefix("netinsights-" + args.name())
                        // Only a new group: a restore takes its offsets from the savepoint.
                        .startFrom(args.startFrom())
                        .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            // Exactly-once output is committed on checkpoints.
            env.enableCheckpointing(DEFAULT_CHECKPOINT_MILLIS);
        }
        ScriptJob.Outputs outputs = KafkaScriptJob.build(env, script, kafka);
        SinkRouter.attach(
                outputs.sinkRequests(),
                SinkEnvironment.builder(System.getenv())
                        .deadLetterSink(KafkaScriptJob.deadLetterSink(kafka))
                        .build());
        // The plain name: `list` shows it and `stop NAME` finds the job by it.
        env.execute(args.name());
    }
}
