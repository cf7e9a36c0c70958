// Record Traffic and Upload It to an Immutable Datastore
// Records every item as one JSON line and, every minute, uploads what each worker holds to S3
// (env.BUCKET) as one object per node, minute window and part, under write-once keys:
//   <env.PREFIX>/<node>/<window start, UTC>/part-00001.jsonl
// A key is never written twice: late items of a window already uploaded go to the next part.
// Run the sinks write-once (NETINSIGHTS_S3_WRITE_ONCE=true: S3 refuses, with HTTP 412, to
// overwrite a key, and the refusal becomes a dead letter), and in production put the bucket under
// S3 Object Lock in compliance mode so that no one can delete or replace an object either.
var bucket = env.BUCKET || "traffic-archive";
var prefix = env.PREFIX || "traffic";
var region = env.AWS_REGION || "us-east-1";
var WINDOW_MS = 60000;
var MAX_LINES = typeof env.MAX_LINES === "number" ? env.MAX_LINES : 5000;
var MAX_PENDING = typeof env.MAX_PENDING === "number" ? env.MAX_PENDING : 20000;
// Part counters are kept for a day of windows; an item later than that could reuse a key, and
// write-once turns that upload into a dead letter rather than an overwrite.
var KEEP_PARTS_MS = 24 * 3600 * 1000;

var windows = {};
var parts = {};
var pending = 0;
var dropped = 0;

function onItemCaptured(data) {
    if (pending >= MAX_PENDING) {
        dropped++;
        return;
    }
    var w = String(Math.floor(data.timestamp / WINDOW_MS) * WINDOW_MS);
    if (!windows[w]) {
        windows[w] = [];
    }
    windows[w].push(JSON.stringify(data));
    pending++;
}

function pad(n) {
    var s = String(n);
    while (s.length < 5) {
        s = "0" + s;
    }
    return s;
}

function keyOf(node, w, part) {
    var start = new Date(Number(w)).toISOString().substring(0, 16) + "Z";
    return prefix + "/" + encodeURIComponent(node) + "/" + start + "/part-" + pad(part) + ".jsonl";
}

function upload() {
    var node = utils.nodeName();
    var ws = Object.keys(windows).sort();
    var latest = 0;
    for (var i = 0; i < ws.length; i++) {
        var lines = windows[ws[i]];
        while (lines.length > 0) {
            var chunk = lines.splice(0, MAX_LINES);
            parts[ws[i]] = (parts[ws[i]] || 0) + 1;
            var url = vendor.s3.putObject(bucket, keyOf(node, ws[i], parts[ws[i]]),
                chunk.join("\n") + "\n", region);
            console.log("recorded " + chunk.length + " item(s) to " + url);
        }
        latest = Math.max(latest, Number(ws[i]));
    }
    windows = {};
    pending = 0;
    for (var w in parts) {
        if (Number(w) < latest - KEEP_PARTS_MS) {
            delete parts[w];
        }
    }
    if (dropped > 0) {
        console.error("recording buffer full: " + dropped + " item(s) were not recorded");
        dropped = 0;
    }
}

jobs.schedule("upload-traffic", "0 * * * * *", upload);
