package io.netinsights.jobs.sinks;

import io.netinsights.schemas.DeadLetter;

import org.apache.flink.api.connector.sink2.Sink;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds {@link SinkOptions}; {@link #build()} says what to fix when a value is out of range.
 * Defaults: 5 s connect and 10 s request timeouts, 10 attempts with backoff from 0.5 s doubling to
 * 60 s, 4 requests in flight and 1000 buffered per sink subtask, dead letters logged.
 */
public final class SinkOptionsBuilder {
    Duration connectTimeout = Duration.ofSeconds(5);
    Duration requestTimeout = Duration.ofSeconds(10);
    int maxAttempts = 10;
    Duration initialBackoff = Duration.ofMillis(500);
    Duration maxBackoff = Duration.ofSeconds(60);
    int maxInFlightRequests = 4;
    int maxBufferedRequests = 1_000;
    Duration maxTimeInBuffer = Duration.ofMillis(200);
    URI pushgateway;
    String prometheusJob = "netinsights";
    String awsRegion;
    String awsAccessKeyId;
    String awsSecretAccessKey;
    URI kinesisEndpoint;
    URI s3Endpoint;
    Boolean s3ForcePathStyle;
    boolean s3WriteOnce;
    Sink<DeadLetter> deadLetterSink;

    SinkOptionsBuilder() {}

    public SinkOptionsBuilder connectTimeout(Duration d) {
        this.connectTimeout = Objects.requireNonNull(d, "connectTimeout");
        return this;
    }

    public SinkOptionsBuilder requestTimeout(Duration d) {
        this.requestTimeout = Objects.requireNonNull(d, "requestTimeout");
        return this;
    }

    public SinkOptionsBuilder maxAttempts(int n) {
        this.maxAttempts = n;
        return this;
    }

    public SinkOptionsBuilder backoff(Duration initial, Duration max) {
        this.initialBackoff = Objects.requireNonNull(initial, "initial backoff");
        this.maxBackoff = Objects.requireNonNull(max, "max backoff");
        return this;
    }

    public SinkOptionsBuilder maxInFlightRequests(int n) {
        this.maxInFlightRequests = n;
        return this;
    }

    public SinkOptionsBuilder maxBufferedRequests(int n) {
        this.maxBufferedRequests = n;
        return this;
    }

    public SinkOptionsBuilder maxTimeInBuffer(Duration d) {
        this.maxTimeInBuffer = Objects.requireNonNull(d, "maxTimeInBuffer");
        return this;
    }

    public SinkOptionsBuilder pushgateway(URI url) {
        this.pushgateway = url;
        return this;
    }

    public SinkOptionsBuilder prometheusJob(String job) {
        this.prometheusJob = Objects.requireNonNull(job, "prometheusJob");
        return this;
    }

    public SinkOptionsBuilder awsRegion(String region) {
        this.awsRegion = region;
        return this;
    }

    /** Static credentials for every AWS request that carries none of its own. */
    public SinkOptionsBuilder awsCredentials(String accessKeyId, String secretAccessKey) {
        this.awsAccessKeyId = accessKeyId;
        this.awsSecretAccessKey = secretAccessKey;
        return this;
    }

    public SinkOptionsBuilder kinesisEndpoint(URI endpoint) {
        this.kinesisEndpoint = endpoint;
        return this;
    }

    public SinkOptionsBuilder s3Endpoint(URI endpoint) {
        this.s3Endpoint = endpoint;
        return this;
    }

    /** Path-style S3 URLs; defaults to true exactly when an S3 endpoint is set. */
    public SinkOptionsBuilder s3ForcePathStyle(boolean on) {
        this.s3ForcePathStyle = on;
        return this;
    }

    public SinkOptionsBuilder s3WriteOnce(boolean on) {
        this.s3WriteOnce = on;
        return this;
    }

    /**
     * Where dead letters go; by default they are logged (reason and id, never attributes). The
     * sink's writer runs inside each vendor sink's writer and is flushed on every checkpoint, so it
     * must deliver on flush: a stateless or at-least-once sink (for Kafka, a KafkaSink with {@code
     * DeliveryGuarantee.AT_LEAST_ONCE}); a writer that hands out committables fails the task at the
     * first checkpoint.
     */
    public SinkOptionsBuilder deadLetterSink(Sink<DeadLetter> sink) {
        this.deadLetterSink = sink;
        return this;
    }

    public SinkOptions build() {
        check(maxAttempts >= 1, "maxAttempts must be >= 1, got %s", maxAttempts);
        check(
                maxInFlightRequests >= 1,
                "maxInFlightRequests must be >= 1, got %s",
                maxInFlightRequests);
        check(
                maxBufferedRequests >= 10,
                "maxBufferedRequests must be >= 10, got %s",
                maxBufferedRequests);
        check(
                !initialBackoff.isNegative() && initialBackoff.compareTo(maxBackoff) <= 0,
                "backoff must satisfy 0 <= initial <= max, got %s",
                initialBackoff + ".." + maxBackoff);
        check(
                !requestTimeout.isZero() && !requestTimeout.isNegative(),
                "requestTimeout must be > 0, got %s",
                requestTimeout);
        check(
                (awsAccessKeyId == null) == (awsSecretAccessKey == null),
                "set both the AWS access key id and the secret access key, or neither%s",
                "");
        return new SinkOptions(this);
    }

    private static void check(boolean ok, String message, Object arg) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(message, arg));
        }
    }
}
