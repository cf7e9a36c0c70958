package io.netinsights.js;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The in-memory file area behind the {@code file.*} helpers. Scripts never touch the real file
 * system; Kubeshark scripts that write a file and upload it with {@code vendor.s3.put} still work,
 * within a size cap per instance.
 */
final class VirtualFiles {
    private final long maxBytes;
    private final Map<String, String> files = new LinkedHashMap<>();
    private final TreeSet<String> dirs = new TreeSet<>();
    private long bytes;
    private long tempCounter;

    VirtualFiles(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    static String normalize(String path) {
        String p = path.replace('\\', '/');
        while (p.contains("//")) {
            p = p.replace("//", "/");
        }
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** Returns null on success, else the reason. */
    String write(String path, String content, boolean append) {
        String p = normalize(path);
        if (p.isEmpty()) {
            return "file path is empty";
        }
        String old = files.get(p);
        String next = append && old != null ? old + content : content;
        long delta = (long) next.length() - (old == null ? 0 : old.length());
        if (bytes + delta > maxBytes) {
            return "file area full: writing " + p + " would exceed " + maxBytes + " bytes";
        }
        files.put(p, next);
        bytes += delta;
        return null;
    }

    String read(String path) {
        return files.get(normalize(path));
    }

    String delete(String path) {
        String p = normalize(path);
        String old = files.remove(p);
        if (old != null) {
            bytes -= old.length();
            return null;
        }
        if (dirs.remove(p)) {
            files.keySet().removeIf(k -> k.startsWith(p + "/"));
            recount();
            return null;
        }
        return "no such file: " + path;
    }

    String mkdir(String path) {
        dirs.add(normalize(path));
        return null;
    }

    String move(String from, String to, boolean removeSource) {
        String f = normalize(from);
        String content = files.get(f);
        if (content == null) {
            return "no such file: " + from;
        }
        if (removeSource) {
            files.remove(f);
            bytes -= content.length();
        }
        return write(to, content, false);
    }

    String stat(String path) {
        String p = normalize(path);
        String c = files.get(p);
        if (c != null) {
            return "{\"size\":" + c.length() + ",\"isDir\":false}";
        }
        return dirs.contains(p) ? "{\"size\":0,\"isDir\":true}" : null;
    }

    String temp(String name, String dir, String ext) {
        String d = dir.isEmpty() ? "/tmp" : normalize(dir);
        String e = ext.isEmpty() || ext.startsWith(".") ? ext : "." + ext;
        return d + "/" + (name.isEmpty() ? "tmp" : name) + "-" + (++tempCounter) + e;
    }

    Map<String, String> snapshot() {
        return new LinkedHashMap<>(files);
    }

    void restore(Map<String, String> content) {
        files.clear();
        files.putAll(content);
        recount();
    }

    private void recount() {
        bytes = 0;
        for (String c : files.values()) {
            bytes += c.length();
        }
    }
}
