package io.netinsights.js;

import org.graalvm.polyglot.Value;

/** The hook functions a script defines, looked up once after its top level ran. */
final class Hooks {
    final Value onItemCaptured;
    final Value onPacketCaptured;
    final Value onItemQueried;
    final Value onHubAction;
    final Value onPodEvent;
    final Value onJobPassed;
    final Value onJobFailed;

    Hooks(Value bindings) {
        onItemCaptured = fn(bindings, "onItemCaptured");
        onPacketCaptured = fn(bindings, "onPacketCaptured");
        onItemQueried = fn(bindings, "onItemQueried");
        onHubAction = fn(bindings, "onHubAction");
        onPodEvent = fn(bindings, "onPodEvent");
        onJobPassed = fn(bindings, "onJobPassed");
        onJobFailed = fn(bindings, "onJobFailed");
    }

    boolean has(String hook) {
        return switch (hook) {
            case "onItemCaptured" -> onItemCaptured != null;
            case "onPacketCaptured" -> onPacketCaptured != null;
            case "onItemQueried" -> onItemQueried != null;
            case "onHubAction" -> onHubAction != null;
            case "onPodEvent" -> onPodEvent != null;
            case "onJobPassed" -> onJobPassed != null;
            case "onJobFailed" -> onJobFailed != null;
            default -> false;
        };
    }

    private static Value fn(Value bindings, String name) {
        Value v = bindings.getMember(name);
        return v != null && v.canExecute() ? v : null;
    }
}
