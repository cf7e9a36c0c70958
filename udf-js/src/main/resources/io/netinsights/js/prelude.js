// The helpers every script sees, built over the host facade. Evaluated once per script instance
// before the user script; the facade stays in this closure and is not reachable from scripts.
(function (host, global) {
    function fmt(a) {
        if (typeof a === 'string') { return a; }
        if (a === undefined) { return 'undefined'; }
        if (typeof a === 'function') { return '[Function' + (a.name ? ': ' + a.name : '') + ']'; }
        if (a instanceof Error) { return String(a); }
        try {
            var s = JSON.stringify(a);
            return s === undefined ? String(a) : s;
        } catch (e) {
            return String(a);
        }
    }
    function join(args) {
        var out = [];
        for (var i = 0; i < args.length; i++) { out.push(fmt(args[i])); }
        return out.join(' ');
    }
    function check(err) {
        if (err !== null && err !== undefined) { throw new Error(String(err)); }
    }
    function json(o, what) {
        var s;
        try {
            s = JSON.stringify(o === undefined ? null : o);
        } catch (e) {
            throw new Error(what + ': not JSON-able: ' + e.message);
        }
        return s === undefined ? 'null' : s;
    }
    function str(v) { return v === undefined || v === null ? '' : String(v); }
    function body(v) { return typeof v === 'string' ? v : json(v, 'body'); }
    function opt(v) { return v === undefined || v === null ? null : String(v); }

    var jobFns = {};

    // Engine built-ins that are not part of the scripting API.
    ['Polyglot', 'Graal', 'Java', 'Packages', 'java', 'javax', 'load', 'loadWithNewGlobal', 'print',
        'printErr', 'quit', 'read', 'readbuffer', 'readline', 'console'].forEach(function (n) {
        try { delete global[n]; } catch (e) { global[n] = undefined; }
    });

    global.console = {
        log: function () { host.log(join(arguments)); },
        error: function () { host.error(join(arguments)); },
        clear: function () { host.clear(); }
    };
    global.utils = {
        nodeName: function () { return host.nodeName(); }
    };
    global.hub = {
        action: function (action, object) { check(host.hubAction(str(action), json(object, 'hub.action'))); }
    };
    global.jobs = {
        schedule: function (tag, cron, fn, limit) {
            if (typeof fn !== 'function') { throw new Error('jobs.schedule: third argument must be a function'); }
            var args = Array.prototype.slice.call(arguments, 4);
            check(host.schedule(str(tag), str(cron), limit === undefined || limit === null ? 0 : Number(limit)));
            jobFns[String(tag)] = { fn: fn, args: args };
        },
        list: function () { return JSON.parse(host.jobList()); },
        remove: function (tag) { delete jobFns[String(tag)]; return host.jobRemove(str(tag)); },
        removeAll: function () { jobFns = {}; host.jobRemoveAll(); },
        run: function (tag) { check(host.jobRun(str(tag))); },
        runAll: function () { check(host.jobRunAll()); },
        scheduler: {
            isRunning: function () { return host.schedulerRunning(); },
            start: function () { host.schedulerSet(true); },
            stop: function () { host.schedulerSet(false); }
        }
    };
    global.vendor = {
        webhook: function (method, url, b, headers) {
            check(host.webhook(str(method || 'POST'), str(url), b === undefined || b === null ? '' : body(b),
                headers === undefined || headers === null ? '{}' : json(headers, 'headers')));
            return '';
        },
        slack: function (url, pretext, text, color) {
            check(host.slack(str(url), str(pretext), str(text), str(color)));
        },
        kinesis: {
            put: function (stream, payload, region, keyId, secret) {
                check(host.kinesisPut(str(stream), body(payload), opt(region), opt(keyId), opt(secret)));
            }
        },
        s3: {
            put: function (bucket, path, region, keyId, secret) {
                var r = host.s3Put(str(bucket), str(path), opt(region), opt(keyId), opt(secret));
                if (r.indexOf('error:') === 0) { throw new Error(r.substring(6)); }
                return r;
            },
            putObject: function (bucket, key, content, region) {
                var r = host.s3PutObject(str(bucket), str(key), body(content), opt(region));
                if (r.indexOf('error:') === 0) { throw new Error(r.substring(6)); }
                return r;
            }
        },
        elastic: function (url, index, doc, user, pass) {
            check(host.elastic(str(url), str(index), body(doc), opt(user), opt(pass)));
        },
        influxdb: function (url, token, org, bucket, measurement, fields, tags) {
            check(host.influxdb(str(url), str(token), str(org), str(bucket), str(measurement),
                json(fields || {}, 'fields'), json(tags || {}, 'tags')));
        }
    };
    global.prometheus = {
        metric: function (name, help, type, value, labels) {
            check(host.metric(str(name), str(help), str(type || 'gauge'), Number(value), json(labels || {}, 'labels')));
        },
        vector: function (name, help, type, labelNames, values) {
            check(host.vector(str(name), str(help), str(type || 'gauge'), json(labelNames || [], 'labelNames'),
                json(values || [], 'values')));
        }
    };
    global.kfl = {
        match: function (query, data) {
            var r = host.kflMatch(str(query), data);
            if (typeof r === 'string') { throw new Error(r); }
            return r;
        },
        validate: function (query) { return host.kflValidate(str(query)); }
    };
    global.policy = {
        evaluate: function (flowOrItem) {
            var r = host.policyEvaluate(flowOrItem);
            if (r.indexOf('error:') === 0) { throw new Error(r.substring(6)); }
            return JSON.parse(r);
        },
        allowed: function (flowOrItem) {
            var r = host.policyAllowed(flowOrItem);
            if (typeof r === 'string') { throw new Error(r); }
            return r;
        },
        list: function () {
            var r = host.policyList();
            if (r.indexOf('error:') === 0) { throw new Error(r.substring(6)); }
            return JSON.parse(r);
        }
    };
    global.wrapper = {
        joinMaps: function (a, b) {
            var out = {}, k;
            a = a || {};
            b = b || {};
            for (k in a) { if (Object.prototype.hasOwnProperty.call(a, k)) { out[k] = a[k]; } }
            for (k in b) {
                if (Object.prototype.hasOwnProperty.call(b, k)) {
                    if (typeof out[k] === 'number' && typeof b[k] === 'number') { out[k] = out[k] + b[k]; }
                    else if (out[k] === undefined) { out[k] = b[k]; }
                    else if (typeof b[k] === 'number') { out[k] = Number(out[k]) + b[k]; }
                    else { out[k] = b[k]; }
                }
            }
            return out;
        },
        buildHAR: function (items) {
            var r = host.buildHar(json(items || [], 'wrapper.buildHAR'));
            if (r.indexOf('error:') === 0) { throw new Error(r.substring(6)); }
            return r;
        }
    };
    global.test = {
        pass: function (data) { data.passed = true; return data; },
        fail: function (data) { data.failed = true; return data; }
    };
    global.file = {
        write: function (p, c) { check(host.fileWrite(str(p), str(c), false)); },
        append: function (p, c) { check(host.fileWrite(str(p), str(c), true)); },
        read: function (p) {
            var r = host.fileRead(str(p));
            if (r === null) { throw new Error('file.read: no such file: ' + p); }
            return r;
        },
        delete: function (p) { check(host.fileDelete(str(p))); },
        mkdir: function (p) { check(host.fileMkdir(str(p))); },
        move: function (a, b) { check(host.fileMove(str(a), str(b), true)); },
        copy: function (a, b) { check(host.fileMove(str(a), str(b), false)); },
        stat: function (p) {
            var r = host.fileStat(str(p));
            if (r === null) { throw new Error('file.stat: no such file: ' + p); }
            return JSON.parse(r);
        },
        temp: function (name, dir, ext) { return host.fileTemp(str(name), str(dir), str(ext)); }
    };
    global.env = JSON.parse(host.envJson());

    // Internal entry points the runtime calls; not globals.
    return {
        runJob: function (tag) {
            var j = jobFns[tag];
            if (!j) { throw new Error('job ' + tag + ' has no function (was it scheduled outside the top level?)'); }
            return j.fn.apply(null, j.args);
        },
        hasJobFn: function (tag) { return Object.prototype.hasOwnProperty.call(jobFns, tag); },
        parse: function (s) { return JSON.parse(s); },
        snapshot: function (namesJson) {
            var names = JSON.parse(namesJson), out = {}, skipped = [];
            for (var i = 0; i < names.length; i++) {
                var n = names[i], v = global[n];
                if (typeof v === 'function' || v === undefined) { continue; }
                try {
                    var s = JSON.stringify(v);
                    if (s !== undefined) { out[n] = v; }
                } catch (e) {
                    skipped.push(n + ': ' + e.message);
                }
            }
            return JSON.stringify({ globals: out, skipped: skipped });
        },
        restore: function (s) {
            var g = JSON.parse(s);
            for (var n in g) {
                if (Object.prototype.hasOwnProperty.call(g, n)) { global[n] = g[n]; }
            }
        },
        globalNames: function () { return Object.getOwnPropertyNames(global); }
    };
})
