package io.netinsights.cli.testutils;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The class path of {@link LocalFlinkCluster}'s processes, taken from this JVM's: what a Flink
 * distribution's {@code lib/} holds (Flink, its dependencies, flink-runtime-web, log4j) plus
 * GraalJS, which flink-deploy puts in {@code lib/} too.
 *
 * <p>Left out is everything the job jar must bring itself: this project's classes and the Flink
 * connectors and formats it bundles. Those are {@code org.apache.flink.*} classes, which Flink
 * always loads parent-first, so on the cluster class path they would hide a job jar that lacks
 * them. Other libraries of the test class path stay (Kafka clients, Avro, ...): they are not
 * parent-first, so the job loader still takes the job jar's copies.
 */
final class ClusterClasspath {
    /**
     * Jars the job jar must carry, and test-only jars. (flink-connector-datagen stays: it is part
     * of the distribution, as {@code fromData} needs it.)
     */
    private static final Pattern JOB_OR_TEST_JAR =
            Pattern.compile(
                    "(flink-connector-(kafka|base)-.*|flink-avro-.*|flink-test-utils.*|.*-tests"
                            + "|junit-.*"
                            + "|surefire.*|kubernetes-server-mock.*|mockwebserver.*)\\.jar");

    private ClusterClasspath() {}

    /** The entries, from {@code java.class.path} (Surefire sets it to the test class path). */
    static List<String> entries() {
        String cp = System.getProperty("java.class.path");
        List<String> keep = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String file = p.getFileName() == null ? "" : p.getFileName().toString();
            boolean projectCode =
                    Files.isDirectory(p)
                            || entry.contains(
                                    File.separator + "io" + File.separator + "netinsights")
                            || p.toAbsolutePath().normalize().startsWith(projectRoot());
            if (file.endsWith(".jar") && !projectCode && !JOB_OR_TEST_JAR.matcher(file).matches()) {
                keep.add(entry);
            }
        }
        if (keep.stream().noneMatch(e -> e.contains("flink-runtime-web"))) {
            throw new IllegalStateException(
                    "flink-runtime-web is not on the test class path: jar upload needs it");
        }
        return keep;
    }

    /** A java {@code @argfile} with {@code -cp ...}: class paths outgrow a command line. */
    static Path writeArgFile(Path file) throws IOException {
        String cp = String.join(File.pathSeparator, entries());
        Files.writeString(file, "-cp \"" + cp.replace("\\", "\\\\") + "\"\n");
        return file;
    }

    /** The reactor root: the parent of the module directory tests run in. */
    private static Path projectRoot() {
        Path module = Path.of("").toAbsolutePath();
        return module.getParent() != null ? module.getParent() : module;
    }
}
