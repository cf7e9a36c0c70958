function onItemCaptured(data) {
    const name = data.dst.name;
    console.log(name);
}
