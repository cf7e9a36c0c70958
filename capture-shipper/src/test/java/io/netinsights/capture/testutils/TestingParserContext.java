package io.netinsights.capture.testutils;

import io.netinsights.capture.dissect.Message;
import io.netinsights.capture.dissect.ParserContext;
import io.netinsights.schemas.json.ItemJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@link ParserContext} that records what a parser emits, for dissector unit tests. */
public final class TestingParserContext implements ParserContext {

    public final List<Message> messages = new ArrayList<>();
    public int parseErrors;
    private final int maxBodyBytes;

    public TestingParserContext(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void emit(Message message) {
        messages.add(message);
    }

    @Override
    public void parseError() {
        parseErrors++;
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The JSON body of message {@code i} as a map. */
    public Map<String, Object> json(int i) {
        return ItemJson.parseObject(messages.get(i).json());
    }
}
