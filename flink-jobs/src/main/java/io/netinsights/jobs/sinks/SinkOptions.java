package io.netinsights.jobs.sinks;

import io.netinsights.schemas.DeadLetter;

import org.apache.flink.api.connector.sink2.Sink;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Settings of the vendor sinks: timeouts, retries and backoff, buffering, the Prometheus
 * Pushgateway, AWS endpoints, region and credentials, S3 write-once, and where dead letters go.
 * {@link #toString()} never prints the secret key.
 */
public final class SinkOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxInFlightRequests;
    private final int maxBufferedRequests;
    private final Duration maxTimeInBuffer;
    private final URI pushgateway;
    private final String prometheusJob;
    private final String awsRegion;
    private final String awsAccessKeyId;
    private final String awsSecretAccessKey;
    private final URI kinesisEndpoint;
    private final URI s3Endpoint;
    private final boolean s3ForcePathStyle;
    private final boolean s3WriteOnce;
    private final Sink<DeadLetter> deadLetterSink;

    SinkOptions(SinkOptionsBuilder b) {
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxInFlightRequests = b.maxInFlightRequests;
        this.maxBufferedRequests = b.maxBufferedRequests;
        this.maxTimeInBuffer = b.maxTimeInBuffer;
        this.pushgateway = b.pushgateway;
        this.prometheusJob = b.prometheusJob;
        this.awsRegion = b.awsRegion;
        this.awsAccessKeyId = b.awsAccessKeyId;
        this.awsSecretAccessKey = b.awsSecretAccessKey;
        this.kinesisEndpoint = b.kinesisEndpoint;
        this.s3Endpoint = b.s3Endpoint;
        this.s3ForcePathStyle =
                b.s3ForcePathStyle != null ? b.s3ForcePathStyle : s3Endpoint != null;
        this.s3WriteOnce = b.s3WriteOnce;
        this.deadLetterSink =
                b.deadLetterSink != null ? b.deadLetterSink : new LoggingDeadLetterSink();
    }

    public static SinkOptionsBuilder builder() {
        return new SinkOptionsBuilder();
    }

    /** Defaults: 5 s connect, 10 s per request, 10 attempts with backoff 0.5 s doubling to 60 s. */
    public static SinkOptions defaults() {
        return builder().build();
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Attempts per record before it becomes a dead letter (1 means no retry). */
    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public int maxInFlightRequests() {
        return maxInFlightRequests;
    }

    public int maxBufferedRequests() {
        return maxBufferedRequests;
    }

    public Duration maxTimeInBuffer() {
        return maxTimeInBuffer;
    }

    /** The Pushgateway base URL for {@code prometheus.*}, or null (those requests dead-letter). */
    public URI pushgateway() {
        return pushgateway;
    }

    public String prometheusJob() {
        return prometheusJob;
    }

    /** The region for requests that name none, or null for the SDK's region chain. */
    public String awsRegion() {
        return awsRegion;
    }

    /** Static AWS credentials, or null for the SDK's default provider chain. */
    public String awsAccessKeyId() {
        return awsAccessKeyId;
    }

    String awsSecretAccessKey() {
        return awsSecretAccessKey;
    }

    public URI kinesisEndpoint() {
        return kinesisEndpoint;
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    public boolean s3ForcePathStyle() {
        return s3ForcePathStyle;
    }

    /** Whether every S3 put is sent with {@code If-None-Match: *} (an existing key is kept). */
    public boolean s3WriteOnce() {
        return s3WriteOnce;
    }

    public Sink<DeadLetter> deadLetterSink() {
        return deadLetterSink;
    }

    /** The backoff before attempt {@code attempt + 1}, after {@code attempt} failed ones. */
    public long backoffMillis(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        return (long) Math.min(millis, maxBackoff.toMillis());
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "SinkOptions{timeouts=%s/%s, maxAttempts=%d, backoff=%s..%s, inFlight=%d,"
                        + " buffered=%d, pushgateway=%s, awsRegion=%s, awsCredentials=%s,"
                        + " kinesisEndpoint=%s, s3Endpoint=%s, s3WriteOnce=%s, deadLetterSink=%s}",
                connectTimeout,
                requestTimeout,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                maxInFlightRequests,
                maxBufferedRequests,
                pushgateway,
                awsRegion,
                awsAccessKeyId == null ? "default chain" : "static",
                kinesisEndpoint,
                s3Endpoint,
                s3WriteOnce,
                deadLetterSink.getClass().getSimpleName());
    }
}
