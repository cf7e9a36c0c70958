// Redaction (shared by the export, recording and redaction templates): values of sensitive
// headers, query parameters and cookies become "[REDACTED]"; bodies too when asked.
var SENSITIVE_NAME = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-csrf-token|x-xsrf-token)$|token|secret|passw|session|credential/i;
var REDACTED = "[REDACTED]";

function sensitive(name) {
    return SENSITIVE_NAME.test(name) || REDACT_EXTRA.indexOf(String(name).toLowerCase()) >= 0;
}

function redactNamed(m, hits, prefix, apply) {
    if (!m || typeof m !== "object") {
        return;
    }
    for (var k in m) {
        if (sensitive(k)) {
            if (hits) {
                hits[prefix + String(k).toLowerCase()] = 1;
            }
            if (apply) {
                m[k] = REDACTED;
            }
        }
    }
}

function redactEvery(m, hits, name, apply) {
    if (!m || typeof m !== "object" || Object.keys(m).length === 0) {
        return;
    }
    if (hits) {
        hits[name] = 1;
    }
    if (apply) {
        for (var k in m) {
            m[k] = REDACTED;
        }
    }
}

function redactUrl(url) {
    return String(url).replace(/([?&])([^=&#]*)=([^&#]*)/g, function (all, sep, name, value) {
        var decoded = name;
        try {
            decoded = decodeURIComponent(name);
        } catch (e) {
            decoded = name;
        }
        return sensitive(decoded) ? sep + name + "=" + REDACTED : all;
    });
}

// Redacts an item in place when apply is true; records in hits what was (or would be) redacted.
function redactItem(item, bodies, hits, apply) {
    var req = item.request;
    var res = item.response;
    if (req && typeof req === "object") {
        redactNamed(req.headers, hits, "", apply);
        redactNamed(req.queryString, hits, "query ", apply);
        redactEvery(req.cookies, hits, "cookies", apply);
        if (apply && req.url) {
            req.url = redactUrl(req.url);
        }
        if (bodies && req.postData && req.postData.text) {
            if (hits) {
                hits["request body"] = 1;
            }
            if (apply) {
                req.postData.text = REDACTED;
            }
        }
    }
    if (res && typeof res === "object") {
        redactNamed(res.headers, hits, "", apply);
        redactEvery(res.cookies, hits, "cookies", apply);
        if (bodies && res.content && res.content.text) {
            if (hits) {
                hits["response body"] = 1;
            }
            if (apply) {
                res.content.text = REDACTED;
            }
        }
    }
    return item;
}
