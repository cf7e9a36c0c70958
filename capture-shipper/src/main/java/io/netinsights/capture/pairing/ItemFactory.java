package io.netinsights.capture.pairing;

import io.netinsights.capture.CaptureOptions;
import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.flow.Flow;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.ItemError;
import io.netinsights.schemas.NodeInfo;

import java.util.HashMap;
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
        Message withError = response.errorType() != null ? response : request;
        ItemError error = null;
        if (withError.errorType() != null) {
            String msg = withError.errorMsg();
            error = new ItemError(withError.errorType(), msg == null ? "" : msg);
        }
        return item(
                flow,
                request,
                response.json(),
                response.size(),
                (elapsedMicros + 500) / 1000,
                error,
                gapMark(request.touchedGap(), response.touchedGap()));
    }

    /**
     * An item for a request that got no response, with error {@code pair-not-found}.
     *
     * @param responseLost whether a gap is known to have taken the response
     */
    public ApiItem unpaired(Flow flow, Message request, String why, boolean responseLost) {
        return item(
                flow,
                request,
                null,
                0,
                0,
                new ItemError(PAIR_NOT_FOUND, why),
                gapMark(request.touchedGap(), responseLost));
    }

    /** Whether an item built with these messages would carry a gap mark. */
    static boolean isGapItem(ApiItem item) {
        return item.getExtra().containsKey(GAP_FIELD);
    }

    /** The {@code extra} map of an item: the gap mark when a side lost bytes, else empty. */
    private static Map<String, String> gapMark(boolean request, boolean response) {
        Map<String, String> extra = new HashMap<>();
        if (request || response) {
            String sides =
                    request && response ? "request,response" : request ? "request" : "response";
            extra.put(GAP_FIELD, sides);
        }
        return extra;
    }

    /**
     * The item, made with the all-fields constructors: the Avro builders look up and deep-copy the
     * schema default of every field left unset, per item. Fields that are always the same get the
     * schema defaults here ({@code passed} and {@code failed} false).
     */
    private ApiItem item(
            Flow flow,
            Message request,
            String responseJson,
            long responseSize,
            long elapsedMillis,
            ItemError error,
            Map<String, String> extra) {
        int sender = request.direction();
        String stream = flow.idText();
        return new ApiItem(
                stream + "-" + flow.nextItemNumber(),
                index++,
                stream,
                nodeName,
                new NodeInfo(nodeIp, nodeName),
                Math.floorDiv(request.startMicros(), 1000L),
                request.protocol().toAvro(),
                endpoint(flow, sender),
                endpoint(flow, 1 - sender),
                false,
                false,
                request.json(),
                responseJson,
                request.size(),
                responseSize,
                elapsedMillis,
                false,
                false,
                error,
                extra);
    }

    private static Endpoint endpoint(Flow flow, int side) {
        String ip = flow.ip(side);
        return new Endpoint(ip, flow.portText(side), ip, "", null, null, null);
    }
}
