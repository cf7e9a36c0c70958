// Globals: declared, assigned, misspelled and out of scope
var seen = 0;

function init() {
    started = Date.now();
    var local = 1;
    return local;
}

function onItemCaptured(data) {
    seen++;
    conosle.log("item", seen, started);
    if (typeof module !== "undefined") {
        return;
    }
    try {
        data.x.y = 1;
    } catch (err) {
        console.error(err, local, mystery);
    }
}

init();
