package io.netinsights.capture.pairing;

import io.netinsights.capture.CaptureOptions;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.flow.Flow;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.ItemError;
import io.netinsights.schemas.NodeInfo;

import java.util.Map;

/**
 * Builds {@link ApiItem}s in the scripting-api.md shape from a request and its response (or none):
 * {@code id} is {@code <flow>-<item in flow>}, {@code index} a global sequence, {@code stream} the
 * flow number, {@code src} the request's sender, and {@code timestamp} the request's first packet.
 */
public final class ItemFactory {

    /** The error type of a request that got no response. */
    public static final String PAIR_NOT_FOUND = "pair-not-found";

    /**
     * The {@code extra} field (a top-level item field for scripts) that says which side lost bytes
     * to a TCP gap: {@code "request"}, {@code "response"} or {@code "request,response"}.
     */
    public static final String GAP_FIELD = "gap";

    private final String nodeName;
    private final String nodeIp;
    private long index;

    public ItemFactory(CaptureOptions options) {
        this.nodeName = options.nodeName();
        this.nodeIp = options.nodeIp();
    }

    /** An item for a request and its response. */
    public ApiItem paired(Flow flow, Message request, Message response) {
        long elapsedMicros = Math.max(0, response.startMicros() - request.startMicros());
        ApiItem.Builder b =
                builder(flow, request)
                        .setResponse(response.json())
                        .setResponseSize(response.size())
                        .setElapsedTime((elapsedMicros + 500) / 1000);
        Message withError = response.errorType() != null ? response : request;
        if (withError.errorType() != null) {
            String msg = withError.errorMsg();
            b.setError(new ItemError(withError.errorType(), msg == null ? "" : msg));
        }
        markGap(b, request.touchedGap(), response.touchedGap());
        return b.build();
    }

    /**
     * An item for a request that got no response, with error {@code pair-not-found}.
     *
     * @param responseLost whether a gap is known to have taken the response
     */
    public ApiItem unpaired(Flow flow, Message request, String why, boolean responseLost) {
        ApiItem.Builder b = builder(flow, request).setError(new ItemError(PAIR_NOT_FOUND, why));
        markGap(b, request.touchedGap(), responseLost);
        return b.build();
    }

    /** Whether an item built with these messages would carry a gap mark. */
    static boolean isGapItem(ApiItem item) {
        return item.getExtra().containsKey(GAP_FIELD);
    }

    private static void markGap(ApiItem.Builder b, boolean request, boolean response) {
        if (request || response) {
            String sides =
                    request && response ? "request,response" : request ? "request" : "response";
            b.setExtra(Map.of(GAP_FIELD, sides));
        }
    }

    private ApiItem.Builder builder(Flow flow, Message request) {
        int sender = request.direction();
        String stream = Long.toString(flow.id());
        return ApiItem.newBuilder()
                .setId(stream + "-" + flow.nextItemNumber())
                .setIndex(index++)
                .setStream(stream)
                .setWorker(nodeName)
                .setNode(new NodeInfo(nodeIp, nodeName))
                .setTimestamp(Math.floorDiv(request.startMicros(), 1000L))
                .setProtocol(request.protocol().toAvro())
                .setSrc(endpoint(flow, sender))
                .setDst(endpoint(flow, 1 - sender))
                .setOutgoing(false)
                .setTls(false)
                .setRequest(request.json())
                .setRequestSize(request.size());
    }

    private static Endpoint endpoint(Flow flow, int side) {
        String ip = flow.ip(side);
        return Endpoint.newBuilder()
                .setIp(ip)
                .setPort(Integer.toString(flow.port(side)))
                .setName(ip)
                .setNamespace("")
                .setPod(null)
                .setService(null)
                .setProcessName(null)
                .build();
    }
}
