// Sends every item straight to a sink
function onItemCaptured(data) {
    vendor.webhook("POST", env.URL, data);
    jobs.schedule("later-" + data.id, "*/5 * * * * *", function () {
        vendor.slack(env.SLACK_URL, "item", data.id, "good");
    }, 1);
}

function onPacketCaptured(info) {
    vendor.s3.putObject("bucket", "packets/" + info.timestamp, JSON.stringify(info));
    console.log(info.length);
}
