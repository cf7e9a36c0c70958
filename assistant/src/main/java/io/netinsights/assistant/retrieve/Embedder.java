package io.netinsights.assistant.retrieve;

/** Turns text into a unit-length vector whose dot products measure similarity of meaning. */
public interface Embedder {
    float[] embed(String text);

    /** Cosine similarity of two unit vectors. */
    static double similarity(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
