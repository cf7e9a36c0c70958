package io.netinsights.js;

import io.netinsights.js.har.HarBuilder;
import io.netinsights.js.kfl.Kfl;
import io.netinsights.schemas.ConsoleLevel;
import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.json.ItemJson;

import com.fasterxml.jackson.core.type.TypeReference;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only host object scripts reach, and only through the prelude's closure. Each exported method
 * is one helper's host side; methods return an error text (or null) instead of throwing, and the
 * prelude turns the text into a JavaScript {@code Error} the script can catch.
 */
public final class HostFacade {
    static final String NO_POLICIES =
            "policy: no network policies are loaded (give the job --policies FILE)";

    private final ScriptInstance instance;

    HostFacade(ScriptInstance instance) {
        this.instance = instance;
    }

    @HostAccess.Export
    public void log(String text) {
        instance.console(ConsoleLevel.LOG, text);
    }

    @HostAccess.Export
    public void error(String text) {
        instance.console(ConsoleLevel.ERROR, text);
    }

    @HostAccess.Export
    public void clear() {
        instance.console(ConsoleLevel.CLEAR, "");
    }

    @HostAccess.Export
    public String nodeName() {
        return instance.name();
    }

    @HostAccess.Export
    public String hubAction(String action, String objectJson) {
        if (action.isEmpty()) {
            return "hub.action: action name is empty";
        }
        instance.hubAction(action, objectJson);
        return null;
    }

    @HostAccess.Export
    public String schedule(String tag, String cron, double limit) {
        try {
            instance.scheduler().schedule(tag, cron, (long) limit, instance.now());
            return null;
        } catch (IllegalArgumentException e) {
            return "jobs.schedule: " + e.getMessage();
        }
    }

    @HostAccess.Export
    public String jobList() {
        return ItemJson.write(instance.scheduler().tags());
    }

    @HostAccess.Export
    public boolean jobRemove(String tag) {
        return instance.scheduler().remove(tag);
    }

    @HostAccess.Export
    public void jobRemoveAll() {
        instance.scheduler().removeAll();
    }

    @HostAccess.Export
    public String jobRun(String tag) {
        JobScheduler.Job job = instance.scheduler().get(tag);
        if (job == null) {
            return "jobs.run: no job tagged " + tag;
        }
        instance.runJobNested(job);
        return null;
    }

    @HostAccess.Export
    public String jobRunAll() {
        for (JobScheduler.Job job : instance.scheduler().jobs()) {
            instance.runJobNested(job);
        }
        return null;
    }

    @HostAccess.Export
    public boolean schedulerRunning() {
        return instance.scheduler().isRunning();
    }

    @HostAccess.Export
    public void schedulerSet(boolean running) {
        instance.scheduler().setRunning(running);
    }

    @HostAccess.Export
    public String webhook(String method, String url, String body, String headersJson) {
        if (url.isEmpty()) {
            return "vendor.webhook: url is empty";
        }
        Map<String, String> headers = stringMap(headersJson);
        if (headers == null) {
            return "vendor.webhook: headers must be an object of strings";
        }
        instance.sink(SinkKind.WEBHOOK, url, null, null, method, headers, body, Map.of());
        return null;
    }

    @HostAccess.Export
    public String slack(String url, String pretext, String text, String color) {
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("pretext", pretext);
        attachment.put("text", text);
        attachment.put("color", color);
        String payload = ItemJson.write(Map.of("attachments", List.of(attachment)));
        instance.sink(SinkKind.SLACK, url, null, null, "POST", Map.of(), payload, Map.of());
        return null;
    }

    @HostAccess.Export
    public String kinesisPut(
            String stream, String payload, String region, String keyId, String secret) {
        if (stream.isEmpty()) {
            return "vendor.kinesis.put: stream name is empty";
        }
        instance.sink(
                SinkKind.KINESIS,
                stream,
                instance.name(),
                region,
                null,
                Map.of(),
                payload,
                credentials(keyId, secret));
        return null;
    }

    @HostAccess.Export
    public String s3Put(String bucket, String path, String region, String keyId, String secret) {
        String content = instance.files().read(path);
        if (content == null) {
            return "error:vendor.s3.put: no such file: "
                    + path
                    + " (write it with file.write first, or use vendor.s3.putObject)";
        }
        String key = path.startsWith("/") ? path.substring(1) : path;
        return s3(bucket, key, content, region, credentials(keyId, secret));
    }

    @HostAccess.Export
    public String s3PutObject(String bucket, String key, String content, String region) {
        return s3(bucket, key, content, region, Map.of());
    }

    private String s3(
            String bucket, String key, String content, String region, Map<String, String> attrs) {
        if (bucket.isEmpty() || key.isEmpty()) {
            return "error:vendor.s3: bucket and key must be non-empty";
        }
        instance.sink(SinkKind.S3, bucket, key, region, "PUT", Map.of(), content, attrs);
        return "s3://" + bucket + "/" + key;
    }

    @HostAccess.Export
    public String elastic(String url, String index, String doc, String user, String pass) {
        instance.sink(
                SinkKind.ELASTIC, url, index, null, "POST", Map.of(), doc, credentials(user, pass));
        return null;
    }

    @HostAccess.Export
    public String influxdb(
            String url,
            String token,
            String org,
            String bucket,
            String measurement,
            String fieldsJson,
            String tagsJson) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("org", org);
        attrs.put("bucket", bucket);
        attrs.put("measurement", measurement);
        attrs.put("tags", tagsJson);
        if (!token.isEmpty()) {
            attrs.put("token", token);
        }
        instance.sink(
                SinkKind.INFLUXDB, url, measurement, null, "POST", Map.of(), fieldsJson, attrs);
        return null;
    }

    @HostAccess.Export
    public String metric(String name, String help, String type, double value, String labels) {
        if (name.isEmpty()) {
            return "prometheus.metric: name is empty";
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("help", help);
        attrs.put("type", type);
        attrs.put("labels", labels);
        instance.sink(
                SinkKind.PROMETHEUS,
                name,
                null,
                null,
                null,
                Map.of(),
                ItemJson.write(value),
                attrs);
        return null;
    }

    @HostAccess.Export
    public String vector(
            String name, String help, String type, String labelNames, String valuesJson) {
        if (name.isEmpty()) {
            return "prometheus.vector: name is empty";
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("help", help);
        attrs.put("type", type);
        attrs.put("labelNames", labelNames);
        instance.sink(SinkKind.PROMETHEUS, name, null, null, null, Map.of(), valuesJson, attrs);
        return null;
    }

    @HostAccess.Export
    @SuppressWarnings("unchecked")
    public Object kflMatch(String query, Value data) {
        try {
            Object item = JsValues.toJava(data);
            if (!(item instanceof Map)) {
                return "kfl.match: second argument must be an item object";
            }
            return Kfl.compile(query).matches((Map<String, Object>) item);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @HostAccess.Export
    public boolean kflValidate(String query) {
        return Kfl.validate(query);
    }

    @HostAccess.Export
    public String policyEvaluate(Value flowOrItem) {
        PolicyHelper policy = instance.policyHelper();
        if (policy == null) {
            return "error:" + NO_POLICIES;
        }
        try {
            return policy.evaluate(policyArgument(flowOrItem));
        } catch (IllegalArgumentException e) {
            return "error:policy.evaluate: " + e.getMessage();
        }
    }

    /** {@code Boolean} decision, or an error message string. */
    @HostAccess.Export
    public Object policyAllowed(Value flowOrItem) {
        PolicyHelper policy = instance.policyHelper();
        if (policy == null) {
            return NO_POLICIES;
        }
        try {
            return policy.allowed(policyArgument(flowOrItem));
        } catch (IllegalArgumentException e) {
            return "policy.allowed: " + e.getMessage();
        }
    }

    /** The item or flow object as the maps the policy helper reads, with no JSON round trip. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> policyArgument(Value flowOrItem) {
        if (JsValues.toJava(flowOrItem) instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("needs a flow object or an item");
    }

    @HostAccess.Export
    public String policyList() {
        PolicyHelper policy = instance.policyHelper();
        return policy == null ? "error:" + NO_POLICIES : policy.list();
    }

    @HostAccess.Export
    public String buildHar(String itemsJson) {
        try {
            List<Map<String, Object>> items =
                    ItemJson.MAPPER.readValue(
                            itemsJson, new TypeReference<ArrayList<Map<String, Object>>>() {});
            return HarBuilder.build(items);
        } catch (Exception e) {
            return "error:wrapper.buildHAR: items must be an array of HTTP items: "
                    + e.getMessage();
        }
    }

    @HostAccess.Export
    public String fileWrite(String path, String content, boolean append) {
        return instance.files().write(path, content, append);
    }

    @HostAccess.Export
    public String fileRead(String path) {
        return instance.files().read(path);
    }

    @HostAccess.Export
    public String fileDelete(String path) {
        return instance.files().delete(path);
    }

    @HostAccess.Export
    public String fileMkdir(String path) {
        return instance.files().mkdir(path);
    }

    @HostAccess.Export
    public String fileMove(String from, String to, boolean move) {
        return instance.files().move(from, to, move);
    }

    @HostAccess.Export
    public String fileStat(String path) {
        return instance.files().stat(path);
    }

    @HostAccess.Export
    public String fileTemp(String name, String dir, String ext) {
        return instance.files().temp(name, dir, ext);
    }

    @HostAccess.Export
    public String envJson() {
        return instance.envJson();
    }

    private static Map<String, String> credentials(String id, String secret) {
        if (id == null || secret == null) {
            return Map.of();
        }
        return Map.of("accessKeyId", id, "secretAccessKey", secret);
    }

    private static Map<String, String> stringMap(String json) {
        try {
            Map<String, Object> raw = ItemJson.parseObject(json);
            Map<String, String> out = new LinkedHashMap<>();
            raw.forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
            return out;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
