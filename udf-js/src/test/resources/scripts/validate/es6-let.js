function onItemCaptured(data) {
    let name = data.dst.name;
    console.log(name);
}
