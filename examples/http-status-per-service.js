// HTTP Status Codes per Service
// Every 10 s, how many responses of each status code every service returned in those 10 s.
var window = {};

function onItemCaptured(data) {
    if (data.protocol.name !== "http" || !data.response) {
        return;
    }
    var service = data.dst.name || data.dst.ip;
    var status = String(data.response.status);
    var byStatus = window[service] || (window[service] = {});
    byStatus[status] = (byStatus[status] || 0) + 1;
}

function ship() {
    if (utils.nodeName() !== "hub" && Object.keys(window).length > 0) {
        hub.action("statusCounts", window);
        window = {};
    }
}

var merged = {};

function onHubAction(action, object) {
    if (action !== "statusCounts") {
        return;
    }
    for (var service in object) {
        merged[service] = wrapper.joinMaps(merged[service], object[service]);
    }
}

function report() {
    if (utils.nodeName() !== "hub") {
        return;
    }
    var services = Object.keys(merged).sort();
    for (var i = 0; i < services.length; i++) {
        var codes = Object.keys(merged[services[i]]).sort();
        var parts = [];
        for (var j = 0; j < codes.length; j++) {
            parts.push(codes[j] + "=" + merged[services[i]][codes[j]]);
        }
        console.log(services[i] + ": " + parts.join(" "));
    }
    merged = {};
}

jobs.schedule("ship-status", "*/10 * * * * *", ship);
jobs.schedule("report-status", "*/10 * * * * *", report);
