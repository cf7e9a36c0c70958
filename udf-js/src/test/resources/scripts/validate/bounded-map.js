// Counts per destination, reset by the reporting job
var counts = {};
var latency = {};

function onItemCaptured(data) {
    counts[data.dst.name] = (counts[data.dst.name] || 0) + 1;
    latency[data.dst.name] = data.elapsedTime;
}

function report() {
    console.log(JSON.stringify(counts));
    counts = {};
    for (var k in latency) {
        delete latency[k];
    }
}

jobs.schedule("report", "*/30 * * * * *", report);
