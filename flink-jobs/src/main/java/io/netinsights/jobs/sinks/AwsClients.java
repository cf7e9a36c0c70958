package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * AWS SDK v2 client plumbing shared by the Kinesis and S3 sinks: one async client per region, built
 * lazily (a sink that gets no request never resolves a region or credentials), on the Netty client
 * over HTTP/1.1 (plain-http local peers refuse HTTP/2), without SDK retries (the sink retries with
 * its own backoff and attempt count). Credentials: the request's own when the script passed them,
 * else static ones from {@link SinkOptions}, else the SDK's default provider chain.
 */
final class AwsClients<C extends SdkAutoCloseable> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AwsClients.class);

    /** Error codes of a 4xx that go away by themselves. */
    private static final Set<String> TRANSIENT_CODES =
            Set.of(
                    "ResourceInUseException",
                    "ConditionalRequestConflict",
                    "RequestTimeout",
                    "SlowDown",
                    "KMSThrottlingException",
                    "LimitExceededException");

    private final SinkOptions options;
    private final Function<Region, C> factory;
    private final Map<Region, C> clients = new ConcurrentHashMap<>();

    AwsClients(SinkOptions options, Function<Region, C> factory) {
        this.options = options;
        this.factory = factory;
    }

    /** The client for the request's region (else the configured or default one). */
    C forRequest(SinkRequest r) {
        return clients.computeIfAbsent(region(r.getRegion()), factory);
    }

    private Region region(String requested) {
        if (requested != null && !requested.isEmpty()) {
            return Region.of(requested);
        }
        if (options.awsRegion() != null) {
            return Region.of(options.awsRegion());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            LOG.info("No AWS region configured or requested; using us-east-1 ({})", e.getMessage());
            return Region.US_EAST_1;
        }
    }

    /** Static credentials from the options, else the default provider chain. */
    static AwsCredentialsProvider credentials(SinkOptions o) {
        if (o.awsAccessKeyId() != null) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(o.awsAccessKeyId(), o.awsSecretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** The request's own credentials as a per-call override, or null when it has none. */
    static AwsRequestOverrideConfiguration perRequest(SinkRequest r) {
        String id = SinkRequests.attribute(r, SinkRequests.ACCESS_KEY_ID);
        String secret = SinkRequests.attribute(r, SinkRequests.SECRET_ACCESS_KEY);
        if (id == null || secret == null) {
            return null;
        }
        return AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret)))
                .build();
    }

    /** A key that tells requests with different credentials apart, without holding the secret. */
    static String credentialsKey(SinkRequest r) {
        String id = SinkRequests.attribute(r, SinkRequests.ACCESS_KEY_ID);
        String secret = SinkRequests.attribute(r, SinkRequests.SECRET_ACCESS_KEY);
        return id == null || secret == null ? "" : id + "#" + secret.hashCode();
    }

    static NettyNioAsyncHttpClient.Builder http(SinkOptions o) {
        return NettyNioAsyncHttpClient.builder()
                .protocol(Protocol.HTTP1_1)
                .connectionTimeout(o.connectTimeout())
                .maxConcurrency(Math.max(16, 4 * o.maxInFlightRequests()));
    }

    static ClientOverrideConfiguration overrides(SinkOptions o) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(o.requestTimeout())
                .apiCallTimeout(o.requestTimeout().plus(o.connectTimeout()))
                .build();
    }

    /** Whether an AWS failure is worth retrying, with a reason that names no credentials. */
    static Outcome classify(Throwable failure) {
        Throwable e = Failures.unwrap(failure);
        if (e instanceof AwsServiceException ase) {
            String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
            String reason =
                    "AWS "
                            + ase.statusCode()
                            + " "
                            + code
                            + ": "
                            + (ase.awsErrorDetails() == null
                                    ? ase.getMessage()
                                    : ase.awsErrorDetails().errorMessage());
            boolean transientError =
                    ase.isThrottlingException()
                            || Failures.retryableStatus(ase.statusCode())
                            || (code != null && TRANSIENT_CODES.contains(code));
            return transientError ? Outcome.retry(reason) : Outcome.dead(reason);
        }
        return Outcome.retry(Failures.describe(e));
    }

    @Override
    public void close() {
        clients.values().forEach(SdkAutoCloseable::close);
        clients.clear();
    }
}
