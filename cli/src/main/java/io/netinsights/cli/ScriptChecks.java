package io.netinsights.cli;

import io.netinsights.js.Emitter;
import io.netinsights.js.ScriptConfig;
import io.netinsights.js.ScriptInstance;
import io.netinsights.js.ScriptLoadException;
import io.netinsights.js.ScriptSource;
import io.netinsights.js.validate.ScriptValidator;
import io.netinsights.js.validate.ValidationResult;
import io.netinsights.schemas.ConsoleLine;
import io.netinsights.schemas.HubAction;
import io.netinsights.schemas.SinkRequest;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a script and checks it before anything runs: static validation, then a trial start. */
final class ScriptChecks {
    private ScriptChecks() {}

    static ScriptSource read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Errors.UserError("script not found: " + file);
        }
        try {
            return ScriptSource.read(file);
        } catch (NoSuchFileException e) {
            throw new Errors.UserError("script not found: " + file);
        } catch (IOException e) {
            throw new Errors.UserError("cannot read script " + file + ": " + e.getMessage());
        }
    }

    /**
     * Validates the script and starts it once; prints warnings to {@code err}.
     *
     * @throws Errors.UserError with the first error (file:line:column: message)
     */
    static ValidationResult check(ScriptSource script, ScriptConfig config, PrintWriter err) {
        ValidationResult result = ScriptValidator.validate(script.fileName(), script.code());
        result.warnings().forEach(p -> err.println(p));
        if (!result.ok()) {
            throw new Errors.UserError(
                    result.errors().stream()
                            .findFirst()
                            .map(Object::toString)
                            .orElse(script.fileName() + ": invalid script"));
        }
        try (ScriptInstance trial =
                ScriptInstance.start(script, "validate", config, new Discard(), 0L)) {
            return result;
        } catch (ScriptLoadException e) {
            throw new Errors.UserError(e.getMessage());
        }
    }

    /** Drops everything a trial start emits. */
    private static final class Discard implements Emitter {
        @Override
        public void console(ConsoleLine line) {}

        @Override
        public void hubAction(HubAction action) {}

        @Override
        public void sinkRequest(SinkRequest request) {}
    }
}
