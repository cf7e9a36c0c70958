// Ship DNS items to Kinesis (with typos)
var batch = [];

function onItemCaptured(data) {
    batch.push(data);
}

function flush() {
    if (batch.length > 0) {
        vendor.kinesis.putt("dns-items", JSON.stringify(batch), "eu-west-1");
        vendor.kenesis.put("dns-items", JSON.stringify(batch), "eu-west-1");
        console.warn("flushed", batch.length);
        console.log.apply(console, ["flushed", batch.length]);
        batch = [];
    }
}

jobs.schedule("flush", "*/10 * * * * *", flush);
