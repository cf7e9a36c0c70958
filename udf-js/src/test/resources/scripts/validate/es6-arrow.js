function onItemCaptured(data) {
    var names = data.request.questions.map((q) => q.name);
    console.log(names);
}
