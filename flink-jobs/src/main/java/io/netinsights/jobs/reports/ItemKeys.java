package io.netinsights.jobs.reports;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.ServiceRef;
import io.netinsights.schemas.json.ItemJson;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How reports name things in an item: the service it called, the endpoint (method and path
 * template), each side as a talker, and whether it failed.
 */
public final class ItemKeys {
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern UUID =
            Pattern.compile(
                    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{16,}");

    private ItemKeys() {}

    /**
     * The called service: {@code namespace/name} of the destination service or pod, else IP:port.
     */
    public static String service(ApiItem item) {
        Endpoint d = item.getDst();
        ServiceRef svc = d.getService();
        if (svc != null && !svc.getName().isEmpty()) {
            String ns = svc.getNamespace().isEmpty() ? d.getNamespace() : svc.getNamespace();
            return qualify(ns, svc.getName());
        }
        if (!d.getName().isEmpty()) {
            return qualify(d.getNamespace(), d.getName());
        }
        return d.getIp() + ":" + d.getPort();
    }

    /**
     * The service and the call: {@code service METHOD /path/{id}} for HTTP and gRPC (ids in the
     * path become {@code {id}}, the query string is dropped), {@code service PROTOCOL} otherwise.
     */
    public static String endpoint(ApiItem item) {
        String service = service(item);
        String proto = item.getProtocol().getName().toLowerCase(Locale.ROOT);
        if (proto.startsWith("http") || proto.equals("grpc")) {
            Map<String, Object> req = request(item);
            Object method = req.get("method");
            Object path = req.get("path");
            if (path == null) {
                path = req.get("url");
            }
            return service
                    + " "
                    + (method == null ? "?" : method)
                    + " "
                    + pathTemplate(path == null ? "/" : String.valueOf(path));
        }
        String abbr = item.getProtocol().getAbbr();
        return service + " " + (abbr.isEmpty() ? item.getProtocol().getName() : abbr);
    }

    /** {@code namespace/name} of a side's pod, else its name, else its IP. */
    public static String talker(Endpoint e) {
        if (e.getPod() != null && !e.getPod().getName().isEmpty()) {
            String ns =
                    e.getPod().getNamespace().isEmpty()
                            ? e.getNamespace()
                            : e.getPod().getNamespace();
            return qualify(ns, e.getPod().getName());
        }
        if (!e.getName().isEmpty()) {
            return qualify(e.getNamespace(), e.getName());
        }
        return e.getIp();
    }

    /** {@code src -> dst} talkers of an item. */
    public static String talkerPair(ApiItem item) {
        return talker(item.getSrc()) + " -> " + talker(item.getDst());
    }

    /**
     * Whether the call failed: an item error (no response), an HTTP status of 500 or more, a gRPC
     * status other than 0, or a DNS answer SERVFAIL or REFUSED.
     */
    public static boolean isError(ApiItem item) {
        if (item.getError() != null) {
            return true;
        }
        String proto = item.getProtocol().getName().toLowerCase(Locale.ROOT);
        if (item.getResponse() == null) {
            return false;
        }
        Map<String, Object> res = parse(item.getResponse());
        if (proto.startsWith("http") || proto.equals("grpc")) {
            Object grpc = header(res, "grpc-status");
            if (grpc != null && !String.valueOf(grpc).equals("0")) {
                return true;
            }
            return number(res.get("status")) >= 500;
        }
        if (proto.equals("dns")) {
            String code = String.valueOf(res.get("code")).toUpperCase(Locale.ROOT);
            return code.equals("SERVFAIL") || code.equals("REFUSED");
        }
        return false;
    }

    /** Request and response bytes. */
    public static long bytes(ApiItem item) {
        return Math.max(0, item.getRequestSize()) + Math.max(0, item.getResponseSize());
    }

    static String pathTemplate(String path) {
        int q = path.indexOf('?');
        String p = q >= 0 ? path.substring(0, q) : path;
        int scheme = p.indexOf("://");
        if (scheme >= 0) {
            int slash = p.indexOf('/', scheme + 3);
            p = slash >= 0 ? p.substring(slash) : "/";
        }
        String[] segments = p.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (i > 0) {
                out.append('/');
            }
            boolean id =
                    NUMBER.matcher(s).matches()
                            || UUID.matcher(s).matches()
                            || HEX_ID.matcher(s).matches();
            out.append(id ? "{id}" : s);
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    private static String qualify(String ns, String name) {
        return ns.isEmpty() ? name : ns + "/" + name;
    }

    private static Map<String, Object> request(ApiItem item) {
        return item.getRequest() == null ? Map.of() : parse(item.getRequest());
    }

    private static Map<String, Object> parse(String json) {
        try {
            Map<String, Object> m = ItemJson.parseObject(json);
            return m == null ? Map.of() : m;
        } catch (IllegalArgumentException e) {
            return Map.of(); // a body that is not JSON has no fields the reports read
        }
    }

    private static Object header(Map<String, Object> res, String name) {
        if (res.get("headers") instanceof Map<?, ?> headers) {
            for (Map.Entry<?, ?> h : headers.entrySet()) {
                if (String.valueOf(h.getKey()).equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
        }
        return null;
    }

    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return o == null ? 0 : Double.parseDouble(String.valueOf(o));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
