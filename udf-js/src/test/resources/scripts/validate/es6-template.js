function onItemCaptured(data) {
    console.log(`saw ${data.dst.name}`);
}
