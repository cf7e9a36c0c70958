package io.netinsights.cli;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpointing of the jobs that read Kafka ({@code run --kafka}, {@code report --kafka}):
 * checkpoints go to files under a directory per consumer group and are kept when the command ends,
 * and the next start of the same group resumes from the newest one, so script state and Kafka
 * offsets continue together. Buffered items of event-time jobs make state larger than the
 * JobManager's in-memory checkpoint storage allows, so memory storage is never used.
 */
final class CheckpointOptions {
    @Option(
            names = "--checkpoint-interval",
            defaultValue = "10000",
            paramLabel = "MS",
            description =
                    "checkpoint interval; output is committed on checkpoints (default ${DEFAULT-VALUE})")
    long intervalMillis;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description =
                    "where checkpoints are kept (default ~/.netinsights/checkpoints/GROUP); the next"
                            + " run of the same group resumes from the newest one, unless it is"
                            + " --until-end")
    Path dir;

    @Option(
            names = "--fresh",
            description = "ignore earlier checkpoints and start with empty script state")
    boolean fresh;

    /**
     * Sets file checkpoint storage under the group's directory and, unless {@code --fresh} or
     * {@code bounded}, the newest complete checkpoint there as the state to restore. Returns that
     * checkpoint, if any. A bounded run ({@code --until-end}) never resumes: its last checkpoint is
     * taken after its sources finished, and Flink restores finished sources as finished, so a
     * resumed bounded run would read nothing.
     */
    Optional<Path> configure(Configuration conf, String group, boolean bounded) {
        if (intervalMillis <= 0) {
            throw new Errors.UserError("--checkpoint-interval must be positive: " + intervalMillis);
        }
        Path base =
                (dir != null
                                ? dir
                                : Path.of(
                                        System.getProperty("user.home"),
                                        ".netinsights",
                                        "checkpoints",
                                        group))
                        .toAbsolutePath();
        try {
            Files.createDirectories(base);
        } catch (IOException e) {
            throw new Errors.UserError("cannot create checkpoint directory " + base + ": " + e);
        }
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(intervalMillis));
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, base.toUri().toString());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        Optional<Path> latest = fresh || bounded ? Optional.empty() : latest(base);
        latest.ifPresent(p -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, p.toUri().toString()));
        return latest;
    }

    /** The newest {@code JOB/chk-N} directory under {@code base} that has its metadata file. */
    static Optional<Path> latest(Path base) {
        try (Stream<Path> jobs = Files.list(base)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(CheckpointOptions::completed)
                    .max(Comparator.comparing(CheckpointOptions::written))
                    .map(m -> m.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + base, e);
        }
    }

    private static Stream<Path> completed(Path job) {
        try (Stream<Path> children = Files.list(job)) {
            return children
                    .filter(c -> c.getFileName().toString().startsWith("chk-"))
                    .map(c -> c.resolve("_metadata"))
                    .filter(Files::isRegularFile)
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + job, e);
        }
    }

    private static FileTime written(Path metadata) {
        try {
            return Files.getLastModifiedTime(metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
