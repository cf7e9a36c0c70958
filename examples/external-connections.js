// Pods with External Connections
// Lists, per pod (or client address when the pod is unknown), the destinations outside the
// cluster's private address ranges that it talked to.
var external = {};

function isPrivate(ip) {
    if (ip.indexOf(":") >= 0) {
        var l = ip.toLowerCase();
        return l === "::1" || l.indexOf("fc") === 0 || l.indexOf("fd") === 0 || l.indexOf("fe80") === 0;
    }
    var p = ip.split(".");
    var a = parseInt(p[0], 10), b = parseInt(p[1], 10);
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) ||
        (a === 192 && b === 168) || (a === 169 && b === 254);
}

function onItemCaptured(data) {
    if (!data.dst.ip || isPrivate(data.dst.ip) || data.dst.namespace) {
        return;
    }
    var who = data.src.pod ? data.src.pod.namespace + "/" + data.src.pod.name : (data.src.name || data.src.ip);
    var where = (data.dst.name && data.dst.name !== data.dst.ip ? data.dst.name + " " : "") +
        data.dst.ip + ":" + data.dst.port;
    var dests = external[who] || (external[who] = {});
    dests[where] = (dests[where] || 0) + 1;
}

function ship() {
    if (utils.nodeName() !== "hub" && Object.keys(external).length > 0) {
        hub.action("external", external);
        external = {};
    }
}

var all = {};
var printed = "";

function onHubAction(action, object) {
    if (action !== "external") {
        return;
    }
    for (var who in object) {
        all[who] = wrapper.joinMaps(all[who], object[who]);
    }
}

function report() {
    if (utils.nodeName() !== "hub") {
        return;
    }
    var text = JSON.stringify(all);
    if (text === printed || text === "{}") {
        return;
    }
    printed = text;
    var pods = Object.keys(all).sort();
    console.log(pods.length + " pod(s) with external connections:");
    for (var i = 0; i < pods.length; i++) {
        console.log(pods[i] + " -> " + Object.keys(all[pods[i]]).sort().join(", "));
    }
}

jobs.schedule("ship-external", "*/30 * * * * *", ship);
jobs.schedule("report-external", "*/30 * * * * *", report);
