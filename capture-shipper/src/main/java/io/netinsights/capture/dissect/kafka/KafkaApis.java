package io.netinsights.capture.dissect.kafka;

/**
 * The Kafka API keys: their names (as in the protocol guide and Kubeshark), and the first version
 * of each API that uses the flexible encoding of KIP-482 (compact strings and arrays, tagged
 * fields, request header v2 and response header v1), taken from the {@code flexibleVersions} of
 * Apache Kafka's message definitions.
 */
final class KafkaApis {

    static final int PRODUCE = 0;
    static final int FETCH = 1;
    static final int METADATA = 3;
    static final int CONTROLLED_SHUTDOWN = 7;
    static final int API_VERSIONS = 18;

    private static final int NONE = Integer.MAX_VALUE;

    private static final String[] NAMES = {
        "Produce",
        "Fetch",
        "ListOffsets",
        "Metadata",
        "LeaderAndIsr",
        "StopReplica",
        "UpdateMetadata",
        "ControlledShutdown",
        "OffsetCommit",
        "OffsetFetch",
        "FindCoordinator",
        "JoinGroup",
        "Heartbeat",
        "LeaveGroup",
        "SyncGroup",
        "DescribeGroups",
        "ListGroups",
        "SaslHandshake",
        "ApiVersions",
        "CreateTopics",
        "DeleteTopics",
        "DeleteRecords",
        "InitProducerId",
        "OffsetForLeaderEpoch",
        "AddPartitionsToTxn",
        "AddOffsetsToTxn",
        "EndTxn",
        "WriteTxnMarkers",
        "TxnOffsetCommit",
        "DescribeAcls",
        "CreateAcls",
        "DeleteAcls",
        "DescribeConfigs",
        "AlterConfigs",
        "AlterReplicaLogDirs",
        "DescribeLogDirs",
        "SaslAuthenticate",
        "CreatePartitions",
        "CreateDelegationToken",
        "RenewDelegationToken",
        "ExpireDelegationToken",
        "DescribeDelegationToken",
        "DeleteGroups",
        "ElectLeaders",
        "IncrementalAlterConfigs",
        "AlterPartitionReassignments",
        "ListPartitionReassignments",
        "OffsetDelete",
        "DescribeClientQuotas",
        "AlterClientQuotas",
        "DescribeUserScramCredentials",
        "AlterUserScramCredentials",
        "Vote",
        "BeginQuorumEpoch",
        "EndQuorumEpoch",
        "DescribeQuorum",
        "AlterPartition",
        "UpdateFeatures",
        "Envelope",
        "FetchSnapshot",
        "DescribeCluster",
        "DescribeProducers",
        "BrokerRegistration",
        "BrokerHeartbeat",
        "UnregisterBroker",
        "DescribeTransactions",
        "ListTransactions",
        "AllocateProducerIds",
        "ConsumerGroupHeartbeat",
        "ConsumerGroupDescribe",
        "ControllerRegistration",
        "GetTelemetrySubscriptions",
        "PushTelemetry",
        "AssignReplicasToDirs",
        "ListConfigResources",
        "DescribeTopicPartitions",
        "ShareGroupHeartbeat",
        "ShareGroupDescribe",
        "ShareFetch",
        "ShareAcknowledge",
        "AddRaftVoter",
        "RemoveRaftVoter",
        "UpdateRaftVoter",
        "InitializeShareGroupState",
        "ReadShareGroupState",
        "WriteShareGroupState",
        "DeleteShareGroupState",
        "ReadShareGroupStateSummary",
        "StreamsGroupHeartbeat",
        "StreamsGroupDescribe",
        "DescribeShareGroupOffsets",
        "AlterShareGroupOffsets",
        "DeleteShareGroupOffsets"
    };

    /** First flexible version per API key (index), {@link #NONE} when no version is flexible. */
    private static final int[] FIRST_FLEXIBLE = {
        9, 12, 6, 9, 4, 2, 6, 3, 8, 6, // 0-9
        3, 6, 4, 4, 4, 5, 3, NONE, 3, 5, // 10-19
        4, 2, 2, 4, 3, 3, 3, 1, 3, 2, // 20-29
        2, 2, 4, 2, 2, 2, 2, 2, 2, 2, // 30-39
        2, 2, 2, 2, 1, 0, 0, NONE, 1, 1, // 40-49
        0, 0, 0, 1, 1, 0, 0, 0, 0, 0, // 50-59
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 60-69
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 70-79
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 80-89
        0, 0, 0 // 90-92
    };

    private KafkaApis() {}

    /** Whether {@code apiKey} is a key this table knows. */
    static boolean isKnown(int apiKey) {
        return apiKey >= 0 && apiKey < NAMES.length;
    }

    /** The API's name ({@code "Produce"}), or the key as a number when unknown. */
    static String name(int apiKey) {
        return isKnown(apiKey) ? NAMES[apiKey] : Integer.toString(apiKey);
    }

    /** Whether this version of the API uses the flexible encoding; unknown keys are assumed not. */
    static boolean isFlexible(int apiKey, int apiVersion) {
        return isKnown(apiKey) && apiVersion >= FIRST_FLEXIBLE[apiKey];
    }

    /** Whether the request header has a client id (all but ControlledShutdown v0, header v0). */
    static boolean requestHasClientId(int apiKey, int apiVersion) {
        return !(apiKey == CONTROLLED_SHUTDOWN && apiVersion == 0);
    }

    /**
     * Whether the response header carries tagged fields (header v1). ApiVersions responses always
     * use header v0, so that a client can read them whatever version it asked for.
     */
    static boolean responseHeaderHasTags(int apiKey, int apiVersion) {
        return apiKey != API_VERSIONS && isFlexible(apiKey, apiVersion);
    }

    static int count() {
        return NAMES.length;
    }
}
