// Export Traffic for API Security Scanning
// Buffers HTTP request/response pairs on every worker and, every 10 s, ships them as HAR 1.2
// documents to an API security scanner: to the Kinesis stream env.KINESIS_STREAM when it is set,
// else to the scanner's webhook env.SCANNER_URL. The buffer is bounded (env.MAX_BUFFER items,
// 1000 by default); items that find it full are counted and reported, never silently lost.
// Delivery is at least once (docs/sinks.md): a scanner may see a HAR document twice.
var stream = env.KINESIS_STREAM || "";
var region = env.AWS_REGION || "us-east-1";
var scannerUrl = env.SCANNER_URL || "http://127.0.0.1:8080/har";
var MAX_BUFFER = typeof env.MAX_BUFFER === "number" ? env.MAX_BUFFER : 1000;
var BATCH = typeof env.HAR_BATCH === "number" ? env.HAR_BATCH : 100;
// A Kinesis record holds at most 1 MiB; leave room for multi-byte characters and the key.
var MAX_RECORD_CHARS = 700000;

var buffer = [];
var dropped = 0;

function copy(o) {
    return o === undefined || o === null ? o : JSON.parse(JSON.stringify(o));
}

function onItemCaptured(data) {
    if (data.protocol.name !== "http" || !data.request || !data.response) {
        return;
    }
    if (buffer.length >= MAX_BUFFER) {
        dropped++;
        return;
    }
    // Only what a HAR entry needs, detached from the item.
    buffer.push({
        id: data.id,
        timestamp: data.timestamp,
        elapsedTime: data.elapsedTime,
        tls: data.tls,
        protocol: { name: data.protocol.name },
        src: { ip: data.src.ip, port: data.src.port, name: data.src.name },
        dst: { ip: data.dst.ip, port: data.dst.port, name: data.dst.name },
        request: copy(data.request),
        response: copy(data.response)
    });
}

function ship(batch) {
    var har = wrapper.buildHAR(batch);
    if (stream) {
        if (har.length > MAX_RECORD_CHARS && batch.length > 1) {
            var half = Math.floor(batch.length / 2);
            ship(batch.slice(0, half));
            ship(batch.slice(half));
            return;
        }
        vendor.kinesis.put(stream, har, region);
    } else {
        vendor.webhook("POST", scannerUrl, har, { "Content-Type": "application/json" });
    }
}

function exportHar() {
    var sent = 0;
    while (buffer.length > 0) {
        var batch = buffer.splice(0, BATCH);
        ship(batch);
        sent += batch.length;
    }
    if (sent > 0) {
        console.log("exported " + sent + " HTTP item(s) as HAR to " +
            (stream ? "kinesis:" + stream : scannerUrl));
    }
    if (dropped > 0) {
        console.error("buffer full: " + dropped + " HTTP item(s) were not exported");
        dropped = 0;
    }
}

jobs.schedule("export-har", "*/10 * * * * *", exportHar);
