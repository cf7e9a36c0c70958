// Counts per destination, but never forgets a destination
var counts = {};
var totals = {};

function onItemCaptured(data) {
    counts[data.dst.name] = (counts[data.dst.name] || 0) + 1;
    totals["all"] = (totals["all"] || 0) + 1;
}

function report() {
    console.log(JSON.stringify(counts), totals.all);
}

jobs.schedule("report", "*/30 * * * * *", report);
