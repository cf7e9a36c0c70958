// Top 5 DNS Consumers
// Workers count DNS queries per client; every 10 s each worker ships its counts to the hub,
// which merges them cluster-wide and prints the top 5. On a replay the last report comes at the
// end of the capture.
var counts = {};
var totals = {};
var lastReport = "";

function onItemCaptured(data) {
    if (data.protocol.name !== "dns") {
        return;
    }
    var client = data.src.name || data.src.ip;
    counts[client] = (counts[client] || 0) + 1;
}

function shipCounts() {
    if (utils.nodeName() === "hub" || Object.keys(counts).length === 0) {
        return;
    }
    hub.action("dnsCounts", counts);
    counts = {};
}

function onHubAction(action, object) {
    if (action === "dnsCounts") {
        totals = wrapper.joinMaps(totals, object);
    }
}

function reportTop() {
    if (utils.nodeName() !== "hub") {
        return;
    }
    var clients = Object.keys(totals);
    clients.sort(function (a, b) {
        return totals[b] - totals[a] || (a < b ? -1 : a > b ? 1 : 0);
    });
    var lines = [];
    for (var i = 0; i < clients.length && i < 5; i++) {
        lines.push((i + 1) + ". " + clients[i] + ": " + totals[clients[i]] + " queries");
    }
    var report = lines.join("\n");
    if (report === "" || report === lastReport) {
        return;
    }
    lastReport = report;
    console.log("Top 5 DNS consumers (cluster-wide):");
    for (var j = 0; j < lines.length; j++) {
        console.log(lines[j]);
    }
}

jobs.schedule("ship-dns-counts", "*/10 * * * * *", shipCounts);
jobs.schedule("report-top-dns", "*/10 * * * * *", reportTop);
