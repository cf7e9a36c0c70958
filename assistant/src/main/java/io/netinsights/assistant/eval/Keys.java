package io.netinsights.assistant.eval;

import java.util.Map;

/**
 * How the evaluation names things in traffic, stated in Java independently of any script: a pod as
 * namespace/name (else the endpoint's name or IP), a service by its service name, an endpoint as
 * "service METHOD /path" with numeric and long hex ids replaced by {id}.
 */
final class Keys {
    private Keys() {}

    @SuppressWarnings("unchecked")
    static String who(Map<String, Object> e) {
        Object pod = e.get("pod");
        if (pod instanceof Map
                && ((Map<String, Object>) pod).get("name") != null
                && !((Map<String, Object>) pod).get("name").toString().isEmpty()) {
            Map<String, Object> p = (Map<String, Object>) pod;
            String ns = str(p.get("namespace"));
            return (ns.isEmpty() ? str(e.get("namespace")) : ns) + "/" + p.get("name");
        }
        return nameOrIp(e);
    }

    @SuppressWarnings("unchecked")
    static String service(Map<String, Object> e) {
        Object svc = e.get("service");
        if (svc instanceof Map && !str(((Map<String, Object>) svc).get("name")).isEmpty()) {
            return str(((Map<String, Object>) svc).get("name"));
        }
        return nameOrIp(e);
    }

    static String nameOrIp(Map<String, Object> e) {
        String n = str(e.get("name"));
        return n.isEmpty() ? str(e.get("ip")) : n;
    }

    static String normalizePath(String p) {
        int q = p.indexOf('?');
        String[] parts = (q >= 0 ? p.substring(0, q) : p).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].matches("[0-9]+") || parts[i].matches("(?i)[0-9a-f-]{16,}")) {
                parts[i] = "{id}";
            }
        }
        return String.join("/", parts);
    }

    static boolean isPod(Map<String, Object> e) {
        return e.get("pod") instanceof Map;
    }

    static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
