package io.netinsights.assistant.template;

/**
 * The kinds of value a template slot takes. Each renders as a JavaScript literal (never as code),
 * so no slot value can change what a template does beyond its documented parameters.
 */
public enum SlotType {
    /** A whole number, for example N in top-N. */
    INT,
    /** A number, for example a sensitivity. */
    NUMBER,
    /** A percentage, 5 meaning 5 %. */
    PERCENT,
    /** A latency threshold in milliseconds. */
    MILLIS,
    /** A look-back window in milliseconds; 0 means the whole time watched. */
    WINDOW,
    /** How often a job runs, in seconds; renders as a 6-field cron. */
    INTERVAL,
    /** An application protocol name such as dns or http, or "any". */
    PROTOCOL,
    /** A Kubernetes namespace, or "" for every namespace. */
    NAMESPACE,
    /** One of the slot's listed values. */
    ENUM,
    /** true or false. */
    BOOL,
    /** Free text (a bucket, a stream, a URL, a KFL filter): a JSON-quoted string. */
    STRING,
    /** A list of strings. */
    LIST,
    /** Any JSON value (for example NetworkPolicy objects). */
    JSON
}
