package io.netinsights.js.kfl;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.netinsights.js.testutils.ItemFixtures.CAPTURED;
import static io.netinsights.js.testutils.ItemFixtures.asMap;
import static io.netinsights.js.testutils.ItemFixtures.dnsItem;
import static io.netinsights.js.testutils.ItemFixtures.grpcItem;
import static io.netinsights.js.testutils.ItemFixtures.httpItem;
import static io.netinsights.js.testutils.ItemFixtures.map;
import static io.netinsights.js.testutils.ItemFixtures.redisItem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Table-driven tests of the KFL subset: matching, error positions, limits and the query cache. */
class KflTest {

    private static final long NOW = CAPTURED.toEpochMilli() + 60_000L;

    @BeforeEach
    void emptyCache() {
        Kfl.clearCache();
    }

    static Stream<Arguments> matching() {
        Supplier<Map<String, Object>> http = () -> httpItem();
        Supplier<Map<String, Object>> dns = () -> dnsItem();
        Supplier<Map<String, Object>> grpc = () -> grpcItem();
        Supplier<Map<String, Object>> redis = () -> redisItem();
        return Stream.of(
                // protocol shortcuts
                row("http", http, true),
                row("http", dns, false),
                row("dns", dns, true),
                row("grpc", grpc, true),
                row("http", grpc, true),
                row("grpc", http, false),
                row("http2", grpc, true),
                row("redis", redis, true),
                row("kafka or amqp or postgres", redis, false),
                // comparisons, loose number/string equality
                row("http and response.status == 503", http, true),
                row("http && response.status >= 500 && response.status < 600", http, true),
                row("response.status == \"503\"", http, true),
                row("response.status == 503.0", http, true),
                row("response.status > 99.5", http, true),
                row("response.status > -1", http, true),
                row("request.method == 'POST'", http, true),
                row("request.method != \"GET\"", http, true),
                row("dst.port == 8080", http, true),
                row("request.method < \"PUT\"", http, true),
                // selectors: dots, brackets, case-insensitive headers, indexes
                row("request.headers[\"content-type\"] == \"application/json\"", http, true),
                row("request.headers['Content-Type'].startsWith(\"application/\")", http, true),
                row("request.headers[\"x-request-id\"].contains(\"42\")", http, true),
                row("src.name == \"frontend-7d9f\"", http, true),
                row("dst.pod.labels.app == \"catalog\"", http, true),
                row("dst.pod.labels[\"tier\"] == \"backend\"", http, true),
                row("dns and request.questions[0].name == \"example.com\"", dns, true),
                row(
                        "src.pod.labels.app == 'frontend' && dst.service.name == \"catalog\"",
                        http,
                        true),
                // string helpers and regexes (unanchored, like Kubeshark's Go regexp)
                row("request.path.contains(\"/v1/\")", http, true),
                row("request.path.endsWith(\"items\")", http, true),
                row("request.path.startsWith(\"/v1\")", http, false),
                row("request.path.matches(\"^/api/v[0-9]+/\")", http, true),
                row("response.status == r\"5.*\"", http, true),
                row("response.status != r\"^4\"", http, true),
                row("request.method == r\"(?i)^post$\"", http, true),
                row("response.status.startsWith(\"5\")", http, true),
                row(
                        "request.path == `/api/v1/items` and request.path == r`^/api/v\\d/`",
                        http,
                        true),
                row("request.headers[\"User-Agent\"] == r\"curl/[0-9.]+\\\"?$\"", http, true),
                // missing fields read as null
                row("request.questions[1].name == null", dns, true),
                row("request.missing == nil", http, true),
                row("request.missing != \"x\"", http, true),
                row("request.missing > 1", http, false),
                row("request.missing.contains(\"x\")", http, false),
                row("error == null", http, true),
                // boolean structure and precedence (and binds tighter than or)
                row("not http", dns, true),
                row("!(http or dns)", redis, true),
                row("http and (request.method == \"GET\" or response.status == 503)", http, true),
                row("false and true or true", http, true),
                row("true or false and false", http, true),
                row("not response.status == 200", http, true),
                row("!!http", http, true),
                // bare selectors are truthy when present and non-empty
                row("request.bodySize", http, true),
                row("tls", http, false),
                row("outgoing or tls", http, false),
                row("request.cookies", http, true),
                row("response.cookies", http, false),
                // time
                row("timestamp > datetime(\"1/31/2024, 11:59:59 PM\")", http, true),
                row("timestamp >= timestamp(\"2024-02-01T10:00:00Z\")", http, true),
                row("timestamp < \"2024-02-01T10:00:00.001Z\"", http, true),
                row("startTime >= \"2024-02-01\"", http, true),
                row("timestamp > minutes(-5) and timestamp <= now()", http, true),
                row("timestamp > seconds(-30)", http, false),
                // Kubeshark aliases (KFL2 names)
                row(
                        "method == \"POST\" and status_code == 503 and path == \"/api/v1/items\"",
                        http,
                        true),
                row("url.contains(\"limit=10\")", http, true),
                row("proto.name == \"http\"", http, true),
                row("elapsed_time == 42000", http, true),
                row("\"shop\" in namespaces", http, true),
                row("\"example.com\" in dns_questions and dns_request", dns, true),
                // membership, wildcards, json(), size()
                row("\"content-type\" in request.headers", http, true),
                row("\"v1\" in request.pathSegments", http, true),
                row("request.pathSegments.* == \"v1\"", http, true),
                row("request.pathSegments[*] == \"v2\"", http, false),
                row("response.answers.*.ip == \"93.184.216.34\"", dns, true),
                row("request.postData.text.json().price > 12", http, true),
                row("request.postData.text.json().name == \"lamp\"", http, true),
                row("response.content.text.json().missing == null", http, true),
                row("size(request.pathSegments) == 3 and request.path.size() == 13", http, true),
                // helpers that are true as predicates, and the empty query
                row("limit(100) and http", http, true),
                row("", http, true),
                row("   ", dns, true));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("matching")
    void matchesItems(String query, Supplier<Map<String, Object>> item, boolean expected) {
        assertThat(Kfl.compile(query).matches(item.get(), NOW)).isEqualTo(expected);
        assertThat(Kfl.validate(query)).isTrue();
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                err("http and (response.status == 500))", "KFL: unexpected ')' at 33"),
                err("http and", "KFL: unexpected end of query at 8"),
                err("response.status = 500", "KFL: unexpected '=' (use '==') at 16"),
                err("request.method == \"GET", "KFL: unterminated string at 18"),
                err("http & dns", "KFL: unexpected '&' (use '&&' or 'and') at 5"),
                err("http | dns", "KFL: unexpected '|' (use '||' or 'or') at 5"),
                err("request.path.foo(\"x\")", "KFL: unknown helper 'foo' at 13"),
                err("bogus(1)", "KFL: unknown function 'bogus' at 0"),
                err("a == r\"[a-\"", "KFL: bad regex (Illegal character range) at 5"),
                err(
                        "request.headers[x]",
                        "KFL: expected a string, a non-negative integer or '*'"
                                + " inside '[]', got 'x' at 16"),
                err("response.body.xml().a == 1", "KFL: xml() is not supported at 14"),
                err(
                        "r\"x\"",
                        "KFL: a regex literal can only follow '==' or '!=' or be the"
                                + " argument of matches() at 0"),
                err("a == b == c", "KFL: unexpected '==' at 7"),
                err(
                        "datetime(\"yesterday\")",
                        "KFL: datetime() expects \"M/D/YYYY, h:mm:ss AM\""
                                + " (UTC), got \"yesterday\" at 0"),
                err("a == \"x\\q\"", "KFL: unknown escape '\\q' at 7"),
                err("request.path.contains()", "KFL: contains() takes 1 argument, got 0 at 13"),
                err("and", "KFL: unexpected 'and' at 0"),
                err("1abc", "KFL: unexpected 'a' after a number at 1"),
                err("a.", "KFL: expected a name after '.', got end of query at 2"),
                err("a # b", "KFL: unexpected '#' at 2"),
                err("(a", "KFL: unexpected end of query at 2"),
                err("a == r\"x", "KFL: unterminated regex at 5"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("errors")
    void reportsErrorPositions(String query, String message) {
        assertThatThrownBy(() -> Kfl.compile(query))
                .isInstanceOf(KflException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThat(Kfl.validate(query)).isFalse();
    }

    @Test
    void errorCarriesItsPosition() {
        assertThatThrownBy(() -> Kfl.compile("http and )"))
                .isInstanceOfSatisfying(
                        KflException.class, e -> assertThat(e.position()).isEqualTo(9));
    }

    @Test
    void rejectsOverlongAndDeeplyNestedQueries() {
        String longQuery = "a == \"" + "x".repeat(Kfl.MAX_QUERY_LENGTH) + "\"";
        assertThatThrownBy(() -> Kfl.compile(longQuery))
                .hasMessage("KFL: query is longer than 4096 characters at 4096");
        String deep = "(".repeat(100) + "http" + ")".repeat(100);
        assertThatThrownBy(() -> Kfl.compile(deep))
                .hasMessage("KFL: expression nested deeper than 64 at 64");
        String bangs = "!".repeat(200) + "http";
        assertThatThrownBy(() -> Kfl.compile(bangs)).hasMessageContaining("nested deeper");
        assertThat(Kfl.validate(null)).isFalse();
    }

    @Test
    void catastrophicRegexStopsWithinBudget() {
        // java.util.regex memoizes the classic (a+)+ cases; this one still backtracks for ever.
        KflQuery q = Kfl.compile("request.path == r\"(.*){1,32000}[bc]\"");
        Map<String, Object> item = httpItem();
        asMap(item.get("request")).put("path", "a".repeat(40) + "!");
        long start = System.nanoTime();
        assertThatThrownBy(() -> q.matches(item))
                .isInstanceOf(KflException.class)
                .hasMessageContaining("exceeded its step budget on a value of 41 characters");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void cachesCompiledQueries() {
        KflQuery first = Kfl.compile("http and response.status == 500");
        assertThat(Kfl.compile("http and response.status == 500")).isSameAs(first);
        assertThat(Kfl.cachedCount()).isEqualTo(1);
        assertThat(Kfl.match("http and response.status == 503", httpItem())).isTrue();
        assertThat(Kfl.cachedCount()).isEqualTo(2);
        assertThat(first.source()).isEqualTo("http and response.status == 500");
    }

    @Test
    void cacheEvictsLeastRecentlyUsed() {
        KflQuery kept = Kfl.compile("http");
        KflQuery dropped = Kfl.compile("dns");
        for (int k = 0; k < Kfl.CACHE_SIZE - 1; k++) {
            Kfl.compile("response.status == " + k);
            Kfl.compile("http"); // touching keeps it most recently used
        }
        assertThat(Kfl.cachedCount()).isEqualTo(Kfl.CACHE_SIZE);
        assertThat(Kfl.compile("http")).isSameAs(kept);
        assertThat(Kfl.compile("dns")).isNotSameAs(dropped).isEqualTo(dropped);
    }

    @Test
    void cacheIsSafeUnderConcurrentUse() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(
                        pool.submit(
                                () -> {
                                    boolean all = true;
                                    for (int k = 0; k < 2_000; k++) {
                                        all &=
                                                Kfl.match(
                                                        "http && status_code >= " + (k % 300),
                                                        httpItem());
                                    }
                                    return all;
                                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Kfl.cachedCount()).isLessThanOrEqualTo(Kfl.CACHE_SIZE);
    }

    @Test
    void fieldOfTheItemWinsOverAliasAndShortcut() {
        Map<String, Object> item = map("http", false, "method", "custom");
        assertThat(Kfl.compile("http").matches(item)).isFalse();
        assertThat(Kfl.compile("method == \"custom\"").matches(item)).isTrue();
        assertThat(Kfl.compile("http").matches(null)).isFalse();
    }

    private static Arguments row(String q, Supplier<Map<String, Object>> item, boolean expected) {
        return Arguments.of(q, item, expected);
    }

    private static Arguments err(String q, String message) {
        return Arguments.of(q, message);
    }
}
