package io.netinsights.assistant.run;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.json.ItemJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Items as JSON lines (the {@code --items FILE.jsonl} format of {@code run}): one item per line in
 * the scripting-API shape. Blank lines and lines starting with {@code #} are skipped.
 */
public final class ItemFiles {
    private ItemFiles() {}

    /**
     * Reads every item of a JSON-lines file.
     *
     * @throws IllegalArgumentException naming the file and line of the first line that is not an
     *     item
     */
    public static List<ApiItem> read(Path file) {
        List<ApiItem> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                try {
                    out.add(ItemJson.fromJson(t));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            file + ":" + n + ": not an item: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read items file " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Writes items as JSON lines. */
    public static void write(List<ApiItem> items, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ApiItem item : items) {
                w.write(ItemJson.toJson(item));
                w.write('\n');
            }
        }
    }
}
