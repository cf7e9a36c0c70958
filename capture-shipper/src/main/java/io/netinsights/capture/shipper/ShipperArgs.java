package io.netinsights.capture.shipper;

import io.netinsights.capture.CaptureOptions;
import io.netinsights.capture.kafka.KafkaPublisherOptions;

import java.nio.file.Path;
import java.util.Map;

/**
 * The command line of the capture-shipper image: the same option names as {@code netinsights
 * capture --iface ... --kafka ...}, for the one thing a shipper does (live capture to Kafka).
 */
public record ShipperArgs(
        String iface,
        String kafka,
        String filter,
        String itemsTopic,
        String podEventsTopic,
        String node,
        boolean k8s,
        Path kubeconfig,
        String namespace,
        boolean allPodEvents,
        long progressSeconds,
        boolean help) {

    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: capture-shipper --iface IF --kafka BOOTSTRAP [options]",
                    "Captures live traffic on IF (as root or with CAP_NET_RAW) and publishes API items"
                            + " and pod events to Kafka as Avro.",
                    "  --iface IF                 interface: any, eth0, lo",
                    "  --kafka BOOTSTRAP          Kafka bootstrap servers",
                    "  --filter BPF               BPF filter",
                    "  --items-topic TOPIC        default: items",
                    "  --pod-events-topic TOPIC   default: pod-events",
                    "  --node NAME                default: $NODE_NAME, node-1",
                    "  --k8s                      pod/service identity (service account, $KUBECONFIG)",
                    "  --kubeconfig FILE          implies --k8s",
                    "  --namespace NS             watch one namespace only",
                    "  --all-pod-events           events of every pod, not this node's only",
                    "  --progress S               progress line every S seconds, 0: none (default 5)",
                    "  --help                     this text");

    /**
     * Parses the arguments; {@code env} supplies {@code NODE_NAME} when {@code --node} is absent.
     */
    public static ShipperArgs parse(String[] args, Map<String, String> env) {
        String iface = null, kafka = null, filter = null, node = null, namespace = null;
        String itemsTopic = KafkaPublisherOptions.DEFAULT_ITEMS_TOPIC;
        String podEventsTopic = KafkaPublisherOptions.DEFAULT_POD_EVENTS_TOPIC;
        boolean k8s = false, allPodEvents = false;
        Path kubeconfig = null;
        long progress = 5;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    return new ShipperArgs(
                            null, null, null, null, null, null, false, null, null, false, 0, true);
                }
                case "--k8s" -> k8s = true;
                case "--all-pod-events" -> allPodEvents = true;
                case "--iface" -> iface = value(args, ++i, a);
                case "--kafka" -> kafka = value(args, ++i, a);
                case "--filter" -> filter = value(args, ++i, a);
                case "--items-topic" -> itemsTopic = value(args, ++i, a);
                case "--pod-events-topic" -> podEventsTopic = value(args, ++i, a);
                case "--node" -> node = value(args, ++i, a);
                case "--namespace" -> namespace = value(args, ++i, a);
                case "--kubeconfig" -> kubeconfig = Path.of(value(args, ++i, a));
                case "--progress" -> progress = seconds(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (iface == null || kafka == null) {
            throw new IllegalArgumentException("--iface and --kafka are required");
        }
        if (node == null) {
            String fromEnv = env.get("NODE_NAME");
            node =
                    fromEnv == null || fromEnv.isBlank()
                            ? CaptureOptions.DEFAULT_NODE_NAME
                            : fromEnv;
        }
        return new ShipperArgs(
                iface,
                kafka,
                filter,
                itemsTopic,
                podEventsTopic,
                node,
                k8s || kubeconfig != null,
                kubeconfig,
                namespace,
                allPodEvents,
                progress,
                false);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long seconds(String v) {
        try {
            long s = Long.parseLong(v);
            if (s >= 0) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException("--progress must be a whole number of seconds >= 0");
    }
}
