class Counter {
    constructor() {
        this.n = 0;
    }
}
