package io.netinsights.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Validates {@code FlinkDeployment} and {@code FlinkSessionJob} resources against the
 * openAPIV3Schema of the Flink Kubernetes Operator's own CRDs, read from {@code
 * flink-kubernetes-operator-api-1.10.0.jar} ({@code META-INF/fabric8/*-v1.yml}, the
 * apiextensions.k8s.io/v1 form that clusters install; the {@code -v1beta1.yml} files carry the same
 * schema). Validation is what the API server does with {@code kubectl apply --validate=strict}: the
 * schema as shipped, plus two rules of Kubernetes itself (see {@link #forKubernetes}).
 */
final class FlinkCrdSchemas {
    /**
     * The only change to the shipped schema: operator 1.10's {@code flinkVersion} enum stops at
     * {@code v1_20}; the releases that support Flink 2 add {@code v2_0}, {@code v2_1} and {@code
     * v2_2} (our manifests use {@code v2_2}). Only this enum is widened, with these values only.
     */
    static final List<String> FLINK_2_VERSIONS = List.of("v2_0", "v2_1", "v2_2");

    static final String API_VERSION = "flink.apache.org/v1beta1";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CRD_FILES =
            Map.of(
                    "FlinkDeployment", "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml",
                    "FlinkSessionJob", "META-INF/fabric8/flinksessionjobs.flink.apache.org-v1.yml");

    private final Map<String, JsonSchema> schemas;

    private FlinkCrdSchemas(Map<String, JsonSchema> schemas) {
        this.schemas = schemas;
    }

    static FlinkCrdSchemas load() {
        // OpenAPI v3 schemas are close to draft 4; x-kubernetes-* keywords are annotations here.
        JsonMetaSchema meta =
                JsonMetaSchema.builder(JsonMetaSchema.getV4())
                        .keyword(new AnnotationKeyword("x-kubernetes-int-or-string"))
                        .keyword(new AnnotationKeyword("x-kubernetes-preserve-unknown-fields"))
                        .build();
        JsonSchemaFactory factory =
                JsonSchemaFactory.getInstance(
                        SpecVersion.VersionFlag.V4,
                        b -> b.metaSchema(meta).defaultMetaSchemaIri(meta.getIri()));
        return new FlinkCrdSchemas(
                Map.of(
                        "FlinkDeployment",
                        factory.getSchema(openApiSchema("FlinkDeployment")),
                        "FlinkSessionJob",
                        factory.getSchema(openApiSchema("FlinkSessionJob"))));
    }

    /** Problems of a resource of one of the two kinds; empty when the CRD accepts it. */
    List<String> validate(Map<String, Object> resource) {
        JsonSchema schema = schemas.get(String.valueOf(resource.get("kind")));
        if (schema == null) {
            return List.of("$.kind: not a Flink operator kind: " + resource.get("kind"));
        }
        return schema.validate(JSON.valueToTree(resource)).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    /** The CRD's schema of version v1beta1, prepared by {@link #forKubernetes}. */
    static ObjectNode openApiSchema(String kind) {
        JsonNode crd;
        try (InputStream in =
                FlinkCrdSchemas.class.getClassLoader().getResourceAsStream(CRD_FILES.get(kind))) {
            if (in == null) {
                throw new IllegalStateException(
                        CRD_FILES.get(kind) + " is not on the test classpath");
            }
            crd = YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CRD of " + kind, e);
        }
        for (JsonNode version : crd.path("spec").path("versions")) {
            if ("v1beta1".equals(version.path("name").asText())) {
                ObjectNode schema = (ObjectNode) version.path("schema").path("openAPIV3Schema");
                return forKubernetes(kind, schema.deepCopy());
            }
        }
        throw new IllegalStateException("no v1beta1 in the CRD of " + kind);
    }

    /**
     * Adds what the API server checks beyond a CRD's schema: (1) apiVersion, kind and metadata.name
     * at the top, which CRD schemas leave out; (2) strict field validation, the default of {@code
     * kubectl apply} since Kubernetes 1.27: a field that the schema does not declare is an error,
     * so every object with {@code properties} and no {@code additionalProperties} (or {@code
     * x-kubernetes-preserve-unknown-fields}) gets {@code additionalProperties: false}. And widens
     * the flinkVersion enum ({@link #FLINK_2_VERSIONS}).
     */
    static ObjectNode forKubernetes(String kind, ObjectNode schema) {
        JsonNode flinkVersion = schema.path("properties").path("spec").path("properties");
        if (flinkVersion.path("flinkVersion").path("enum") instanceof ArrayNode versions) {
            FLINK_2_VERSIONS.forEach(versions::add);
        }
        ObjectNode props = (ObjectNode) schema.get("properties");
        props.set("apiVersion", JSON.createObjectNode().put("type", "string"));
        ((ObjectNode) props.get("apiVersion")).putArray("enum").add(API_VERSION);
        props.set("kind", JSON.createObjectNode().put("type", "string"));
        ((ObjectNode) props.get("kind")).putArray("enum").add(kind);
        ObjectNode metadata = JSON.createObjectNode().put("type", "object");
        metadata.putArray("required").add("name");
        props.set("metadata", metadata);
        schema.putArray("required").add("apiVersion").add("kind").add("metadata");
        strict(schema);
        return schema;
    }

    private static void strict(JsonNode node) {
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        if (schema.has("properties")
                && !schema.has("additionalProperties")
                && !schema.has("x-kubernetes-preserve-unknown-fields")) {
            schema.put("additionalProperties", false);
        }
        schema.path("properties").forEach(FlinkCrdSchemas::strict);
        strict(schema.get("items"));
        strict(schema.get("additionalProperties"));
        for (String list : List.of("anyOf", "allOf", "oneOf")) {
            schema.path(list).forEach(FlinkCrdSchemas::strict);
        }
    }
}
