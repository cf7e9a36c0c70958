package io.netinsights.js;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.ItemError;
import io.netinsights.schemas.PodRef;
import io.netinsights.schemas.ServiceRef;
import io.netinsights.schemas.json.ItemJson;
import io.netinsights.schemas.testing.TestItems;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.netinsights.schemas.testing.TestItems.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Items as scripts get them: {@link JsMap#ofItem} builds parts and parses bodies on first read. */
class JsMapTest {

    private final TestingEmitter out = new TestingEmitter();

    /** An item with every optional part set: pods with labels, a service, an error, extras. */
    static ApiItem fullItem() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", "catalog");
        labels.put("tier", "backend");
        ApiItem base = TestItems.http("full", "catalog", 503, 42, T0 + 120);
        return ApiItem.newBuilder(base)
                .setSrc(
                        Endpoint.newBuilder(base.getSrc())
                                .setNamespace("shop")
                                .setPod(new PodRef("frontend-1", "shop", Map.of("app", "web")))
                                .setProcessName("envoy")
                                .build())
                .setDst(
                        Endpoint.newBuilder(base.getDst())
                                .setPod(new PodRef("catalog-1", "shop", labels))
                                .setService(new ServiceRef("catalog", "shop"))
                                .build())
                .setRequest(
                        "{\"method\":\"POST\",\"n\":[1,2.5,12345678901,123456789012345678901234],"
                                + "\"headers\":{\"a\":\"b\"},\"q\":[{\"x\":true,\"y\":null}]}")
                .setError(new ItemError("timeout", "no answer"))
                .setExtra(Map.of("cluster", "prod"))
                .build();
    }

    @Test
    void ofItemEqualsToMapPartForPart() {
        ApiItem item = fullItem();
        Map<String, Object> eager = ItemJson.toMap(item);
        JsMap lazy = JsMap.ofItem(item);
        assertThat(lazy).isEqualTo(eager);
        assertThat(List.copyOf(lazy.keySet())).isEqualTo(List.copyOf(eager.keySet()));
        assertThat(ItemJson.write(JsMap.ofItem(item))).isEqualTo(ItemJson.write(eager));
        // Same number types as Jackson's plain parse: Integer, Double, Long, BigInteger.
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) JsMap.ofItem(item).get("request");
        assertThat((List<?>) request.get("n"))
                .extracting(o -> o.getClass().getSimpleName())
                .containsExactly("Integer", "Double", "Long", "BigInteger");
    }

    @Test
    void unreadPartsConvertBackToTheSameItem() {
        ApiItem item = fullItem();
        assertThat(ItemJson.fromMap(JsMap.ofItem(item))).isEqualTo(item);
    }

    @Test
    void partsAreCopiedWhenTheItemIsConverted() {
        ApiItem item = fullItem();
        JsMap map = JsMap.ofItem(item);
        item.getDst().setName("changed");
        item.getDst().getPod().getLabels().put("app", "changed");
        item.getProtocol().getPorts().add("9999");
        assertThat(ItemJson.write(map)).doesNotContain("changed").doesNotContain("9999");
    }

    @Test
    void javaAndScriptsShareOneObjectPerPart() throws Exception {
        JsMap map = JsMap.ofItem(fullItem());
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) map.get("request");
        request.put("seenByJava", true);
        try (ScriptInstance s =
                ScriptInstance.start(
                        new ScriptSource(
                                "t.js",
                                "function onItemCaptured(d) { d.src.name = 'renamed';"
                                        + " console.log(d.request.seenByJava, d.src === d.src,"
                                        + " d.request === d.request, d.dst.pod.labels.tier); }"),
                        "node-1",
                        ScriptConfig.defaults(),
                        out,
                        T0)) {
            s.onItemCaptured(map, "full", T0);
        }
        assertThat(out.failures).isEmpty();
        assertThat(out.logs()).containsExactly("true true true backend");
        assertThat(((Map<?, ?>) map.get("src")).get("name")).isEqualTo("renamed");
        assertThat(map.get("src")).isInstanceOf(JsMap.class);
    }

    @Test
    void aMalformedBodyFailsOnlyTheHookThatReadsIt() throws Exception {
        ApiItem bad =
                ApiItem.newBuilder(fullItem()).setId("bad").setRequest("{\"method\":").build();
        try (ScriptInstance dst = start("function onItemCaptured(d) { console.log(d.dst.name); }");
                ScriptInstance req =
                        start("function onItemCaptured(d) { console.log(d.request.method); }")) {
            dst.onItemCaptured(bad, T0);
            req.onItemCaptured(bad, T0);
        }
        assertThat(out.logs()).containsExactly("catalog");
        assertThat(out.failures).hasSize(1);
        assertThat(out.failures.get(0).getItemId()).isEqualTo("bad");
        assertThat(out.failures.get(0).getText()).contains("bad JSON body");
        // From Java, the body is a map that parses when its content is first read.
        Map<?, ?> request = (Map<?, ?>) JsMap.ofItem(bad).get("request");
        assertThatThrownBy(() -> request.get("method"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad JSON body: ");
    }

    @Test
    void bodiesThatAreNotObjectsFailOrTurnNullAtOnceAsBefore() {
        ApiItem nullBody = ApiItem.newBuilder(fullItem()).setResponse(" null ").build();
        assertThat(JsMap.ofItem(nullBody).get("response")).isNull();
        assertThat(ItemJson.toMap(nullBody).get("response")).isNull();
        ApiItem array = ApiItem.newBuilder(fullItem()).setResponse("[1]").build();
        assertThatThrownBy(() -> JsMap.ofItem(array))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad JSON body: ");
        assertThatThrownBy(() -> ItemJson.toMap(array))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad JSON body: ");
    }

    private ScriptInstance start(String code) throws ScriptLoadException {
        return ScriptInstance.start(
                new ScriptSource("t.js", code), "node-1", ScriptConfig.defaults(), out, T0);
    }
}
