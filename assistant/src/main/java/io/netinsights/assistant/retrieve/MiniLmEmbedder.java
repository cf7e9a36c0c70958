package io.netinsights.assistant.retrieve;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * The all-MiniLM-L6-v2 sentence embedding model that ships inside the langchain4j Maven artifact
 * (ONNX, run in process): nothing is downloaded at run time. Loading takes a few seconds, so one
 * instance is shared per JVM.
 */
public final class MiniLmEmbedder implements Embedder {
    private static volatile MiniLmEmbedder shared;

    private final EmbeddingModel model;

    private MiniLmEmbedder() {
        this.model = new AllMiniLmL6V2EmbeddingModel();
    }

    /** The JVM's instance, loaded on first use. */
    public static MiniLmEmbedder shared() {
        MiniLmEmbedder e = shared;
        if (e == null) {
            synchronized (MiniLmEmbedder.class) {
                e = shared;
                if (e == null) {
                    e = new MiniLmEmbedder();
                    shared = e;
                }
            }
        }
        return e;
    }

    @Override
    public float[] embed(String text) {
        float[] v = model.embed(text).content().vector();
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) norm;
            }
        }
        return v;
    }
}
