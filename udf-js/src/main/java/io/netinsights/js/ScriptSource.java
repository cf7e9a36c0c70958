package io.netinsights.js;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** A user script: its file name, its title (the first line comment) and its ES5 code. */
public final class ScriptSource implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final String code;

    public ScriptSource(String fileName, String code) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.code = Objects.requireNonNull(code, "code");
    }

    /** Reads a script file as UTF-8. */
    public static ScriptSource read(Path file) throws IOException {
        return new ScriptSource(
                file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    public String fileName() {
        return fileName;
    }

    public String code() {
        return code;
    }

    /** The text of the first line comment ({@code // Top 5 DNS Consumers}), else the file name. */
    public String title() {
        for (String line : code.split("\n", 20)) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("//")) {
                String title = t.substring(2).strip();
                return title.isEmpty() ? fileName : title;
            }
            break;
        }
        return fileName;
    }
}
