// A hook name with a typo: the engine never calls it
function onItemCapture(data) {
    console.log(data.id);
}

function onStartup() {
    console.log("ready");
}
