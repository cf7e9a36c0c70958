package io.netinsights.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code submit} sends to a cluster: the script (inline, base64 in the program arguments so
 * that it travels with the job), its env and the Kafka bootstrap servers.
 *
 * <p>Program arguments contract of the job entry class: {@code --name N --kafka B --script-file F
 * --script-base64 S [--env K=V]... [--start-from earliest]}.
 */
record DeployJobSpec(
        String name,
        String scriptFile,
        String script,
        Map<String, String> env,
        String kafka,
        boolean fromEarliest) {

    /** Kubernetes object names: DNS-1123 labels, also used as the Flink job name. */
    static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?");

    /** Default entry class of the shaded flink-jobs jar. */
    static final String ENTRY_CLASS = "io.netinsights.jobs.kafka.ScriptJobMain";

    DeployJobSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(kafka, "kafka");
        if (!NAME.matcher(name).matches()) {
            throw new Errors.UserError(
                    "--name must be lower-case letters, digits and '-' (at most 53), was " + name);
        }
        env = Map.copyOf(new LinkedHashMap<>(env == null ? Map.of() : env));
    }

    /** A job whose new consumer group starts at the end of the items topic (a live tail). */
    DeployJobSpec(
            String name, String scriptFile, String script, Map<String, String> env, String kafka) {
        this(name, scriptFile, script, env, kafka, false);
    }

    /** Derives a job name from a script file name: {@code Top_DNS.js} becomes {@code top-dns}. */
    static String nameFromFile(String fileName) {
        String base = fileName.replaceFirst("\\.js$", "").toLowerCase(java.util.Locale.ROOT);
        String n = base.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return n.isEmpty() ? "script" : n.substring(0, Math.min(n.length(), 53));
    }

    List<String> programArgs() {
        List<String> args = new ArrayList<>();
        args.addAll(List.of("--name", name, "--kafka", kafka, "--script-file", scriptFile));
        args.add("--script-base64");
        args.add(Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)));
        env.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> args.addAll(List.of("--env", e.getKey() + "=" + e.getValue())));
        if (fromEarliest) {
            args.addAll(List.of("--start-from", "earliest"));
        }
        return args;
    }
}
