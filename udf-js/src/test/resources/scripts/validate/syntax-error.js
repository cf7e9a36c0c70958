// Broken: a dangling operator
var total = 0;

function onItemCaptured(data) {
    total = total + ;
}
