// Requests Slower Than a Threshold
// Prints every request whose response took longer than env.THRESHOLD_MS (default 500 ms), and a
// count per destination every minute.
var threshold = typeof env.THRESHOLD_MS === "number" ? env.THRESHOLD_MS : 500;
var slowCount = {};

function describe(data) {
    var r = data.request || {};
    if (data.protocol.name === "http") {
        return r.method + " " + r.path;
    }
    if (data.protocol.name === "dns" && r.questions && r.questions.length) {
        return "DNS " + r.questions[0].name;
    }
    return data.protocol.abbr || data.protocol.name;
}

function onItemCaptured(data) {
    if (data.elapsedTime <= threshold) {
        return;
    }
    var dst = data.dst.name || data.dst.ip;
    slowCount[dst] = (slowCount[dst] || 0) + 1;
    console.log("slow: " + describe(data) + " -> " + dst + " took " + data.elapsedTime + " ms");
}

function summary() {
    var dsts = Object.keys(slowCount).sort();
    for (var i = 0; i < dsts.length; i++) {
        console.log("slow requests to " + dsts[i] + " this minute: " + slowCount[dsts[i]]);
    }
    slowCount = {};
}

jobs.schedule("slow-summary", "0 * * * * *", summary);
