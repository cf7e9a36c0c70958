package io.netinsights.jobs.sinks;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Reads {@link SinkOptions} from environment variables, for the CLI. Unset variables keep the
 * defaults; AWS credentials left unset fall back to the SDK's default provider chain (which reads
 * the same {@code AWS_*} variables, profiles, and container or instance roles).
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><td>NETINSIGHTS_PUSHGATEWAY_URL</td><td>Pushgateway for prometheus.*</td></tr>
 *   <tr><td>NETINSIGHTS_PROMETHEUS_JOB</td><td>its job label (netinsights)</td></tr>
 *   <tr><td>NETINSIGHTS_KINESIS_ENDPOINT, NETINSIGHTS_S3_ENDPOINT</td><td>endpoint overrides
 *   </td></tr>
 *   <tr><td>NETINSIGHTS_S3_WRITE_ONCE</td><td>true: If-None-Match on every put</td></tr>
 *   <tr><td>NETINSIGHTS_SINK_MAX_ATTEMPTS, NETINSIGHTS_SINK_TIMEOUT_MS</td><td>retries, timeout
 *   </td></tr>
 *   <tr><td>AWS_REGION (or AWS_DEFAULT_REGION)</td><td>default region</td></tr>
 *   <tr><td>AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY</td><td>static credentials</td></tr>
 * </table>
 */
public final class SinkEnvironment {
    private SinkEnvironment() {}

    /** A builder preset from {@code env}; add the dead-letter sink and build. */
    public static SinkOptionsBuilder builder(Map<String, String> env) {
        SinkOptionsBuilder b = SinkOptions.builder();
        String v;
        if ((v = get(env, "NETINSIGHTS_PUSHGATEWAY_URL")) != null) {
            b.pushgateway(URI.create(v));
        }
        if ((v = get(env, "NETINSIGHTS_PROMETHEUS_JOB")) != null) {
            b.prometheusJob(v);
        }
        if ((v = get(env, "NETINSIGHTS_KINESIS_ENDPOINT")) != null) {
            b.kinesisEndpoint(URI.create(v));
        }
        if ((v = get(env, "NETINSIGHTS_S3_ENDPOINT")) != null) {
            b.s3Endpoint(URI.create(v));
        }
        if ((v = get(env, "NETINSIGHTS_S3_WRITE_ONCE")) != null) {
            b.s3WriteOnce(Boolean.parseBoolean(v));
        }
        if ((v = get(env, "NETINSIGHTS_SINK_MAX_ATTEMPTS")) != null) {
            b.maxAttempts(Integer.parseInt(v));
        }
        if ((v = get(env, "NETINSIGHTS_SINK_TIMEOUT_MS")) != null) {
            b.requestTimeout(Duration.ofMillis(Long.parseLong(v)));
        }
        v = get(env, "AWS_REGION");
        b.awsRegion(v != null ? v : get(env, "AWS_DEFAULT_REGION"));
        String id = get(env, "AWS_ACCESS_KEY_ID");
        String secret = get(env, "AWS_SECRET_ACCESS_KEY");
        if (id != null && secret != null && get(env, "AWS_SESSION_TOKEN") == null) {
            // With a session token the default chain must be used: it carries the token.
            b.awsCredentials(id, secret);
        }
        return b;
    }

    private static String get(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
