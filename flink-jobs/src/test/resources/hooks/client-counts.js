// Client counts (test)
// Workers count items per client and ship them to the hub every 10 s; the hub prints the running
// totals. onItemCaptured does some busy work so a run lasts long enough to be interrupted.
var counts = {};
var totals = {};
var spin = 0;

function onItemCaptured(data) {
    for (var i = 0; i < 300; i++) {
        spin = (spin + i) % 1000003;
    }
    var c = data.src.name;
    counts[c] = (counts[c] || 0) + 1;
}

function ship() {
    if (utils.nodeName() !== "hub" && Object.keys(counts).length > 0) {
        hub.action("counts", counts);
        counts = {};
    }
}

function onHubAction(action, object) {
    totals = wrapper.joinMaps(totals, object);
}

function report() {
    if (utils.nodeName() !== "hub") {
        return;
    }
    var names = Object.keys(totals).sort();
    var parts = [];
    var sum = 0;
    for (var i = 0; i < names.length; i++) {
        parts.push(names[i] + "=" + totals[names[i]]);
        sum += totals[names[i]];
    }
    console.log("total=" + sum + " " + parts.join(" "));
}

jobs.schedule("ship", "*/10 * * * * *", ship);
jobs.schedule("report", "*/10 * * * * *", report);
