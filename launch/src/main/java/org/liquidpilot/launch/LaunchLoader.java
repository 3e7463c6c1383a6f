package org.liquidpilot.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates a roslaunch XML file into a {@link LaunchPlan}, without starting anything: node, param (value, type,
 * textfile, command), rosparam (load, delete; YAML from a file or the element body), arg (value/default/required),
 * remap, include (args, ns, pass_all_args), group (ns, clear_params), env, if/unless on every tag, and the
 * substitutions arg, env, optenv, find, anon, dirname and eval. Errors name the file and line.
 */
public final class LaunchLoader {
    private static final int MAX_INCLUDE_DEPTH = 32;
    /** The longest a {@code <param command=...>} may take, reading its output included. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** The most output a {@code <param command=...>} may print; more is an error. */
    public static final int MAX_COMMAND_OUTPUT = 1 << 20;

    private final Map<String, String> environment;
    private final PackageFinder packages;
    private final Map<String, String> anonNames = new HashMap<>();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final List<String> clearParams = new ArrayList<>();
    private final List<String> deleteParams = new ArrayList<>();
    private final List<NodeSpec> nodes = new ArrayList<>();
    private final Deque<Path> includeStack = new ArrayDeque<>();
    private boolean runCommands = true;
    private Duration commandTimeout = COMMAND_TIMEOUT;
    private int maxCommandOutput = MAX_COMMAND_OUTPUT;

    public LaunchLoader() {
        this(System.getenv());
    }

    /** @param environment what {@code $(env)} and {@code $(optenv)} read, and where ROS_PACKAGE_PATH comes from */
    public LaunchLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.packages = new PackageFinder(environment);
    }

    /** Loads a launch file with command-line args ({@code name:=value} already split). */
    public static LaunchPlan load(Path file, Map<String, String> args) {
        return new LaunchLoader().evaluate(file, args);
    }

    /**
     * Loads a launch file to show what it would do, executing nothing: a {@code <param command=...>} becomes a
     * {@link CommandParam} naming the command instead of the command's output.
     */
    public static LaunchPlan dryRun(Path file, Map<String, String> args) {
        return new LaunchLoader().withoutRunningCommands().evaluate(file, args);
    }

    /** Evaluate {@code <param command=...>} as the command it names instead of running it. */
    public LaunchLoader withoutRunningCommands() {
        runCommands = false;
        return this;
    }

    /** Limits for {@code <param command=...>}: the whole run, output read included, and the output's size. */
    public LaunchLoader withCommandLimits(Duration timeout, int maxOutput) {
        if (timeout.isNegative() || timeout.isZero() || maxOutput < 0) throw new IllegalArgumentException("bad command limits");
        commandTimeout = timeout;
        maxCommandOutput = maxOutput;
        return this;
    }

    /** A parameter whose value is the output of a command that a dry run did not run. */
    public record CommandParam(String command, String type) {
        @Override
        public String toString() {
            return "<output of command: " + command + (type == null ? "" : " (as " + type + ")") + ", not run>";
        }
    }

    public LaunchPlan evaluate(Path file, Map<String, String> args) {
        Scope top = new Scope("/", file, new LinkedHashMap<>(args), Map.of(), Map.of());
        loadFile(file, top, null, null);
        return new LaunchPlan(params, clearParams, deleteParams, nodes);
    }

    // ---- files and scopes ----

    /** Per-file state: args are file scoped (groups copy them), remaps and env are inherited. */
    private final class Scope implements SubstitutionContext {
        final String ns;
        final Path file;
        final Map<String, String> passed;
        final Map<String, String> args;
        final Set<String> declared;
        final Map<String, String> remaps;
        final Map<String, String> env;
        XmlElement at;

        Scope(String ns, Path file, Map<String, String> passed, Map<String, String> remaps, Map<String, String> env) {
            this(ns, file, passed, new HashMap<>(), new HashSet<>(), remaps, env);
        }

        private Scope(String ns, Path file, Map<String, String> passed, Map<String, String> args, Set<String> declared,
                      Map<String, String> remaps, Map<String, String> env) {
            this.ns = ns;
            this.file = file;
            this.passed = passed;
            this.args = args;
            this.declared = declared;
            this.remaps = new LinkedHashMap<>(remaps);
            this.env = new LinkedHashMap<>(env);
        }

        Scope group(String childNs) {
            Scope s = new Scope(childNs, file, passed, new HashMap<>(args), new HashSet<>(declared), remaps, env);
            s.at = at;
            return s;
        }

        @Override
        public String arg(String name) {
            if (!declared.contains(name)) throw new IllegalArgumentException("arg '" + name + "' is not declared");
            String v = args.get(name);
            if (v == null) throw new IllegalArgumentException("arg '" + name + "' is required but has no value (pass " + name + ":=...)");
            return v;
        }

        @Override
        public String env(String name) {
            return environment.get(name);
        }

        @Override
        public Path findPackage(String pkg) {
            return packages.find(pkg, file);
        }

        @Override
        public String anon(String name) {
            return anonNames.computeIfAbsent(name, n -> n + "_" + ProcessHandle.current().pid() + "_"
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong() >>> 1));
        }

        @Override
        public Path currentFile() {
            return file;
        }
    }

    private void loadFile(Path file, Scope scope, Set<String> mayBeUnused, XmlElement includedFrom) {
        Path real;
        try {
            real = file.toAbsolutePath().normalize();
            if (Files.exists(real)) real = real.toRealPath();
        } catch (IOException e) {
            real = file.toAbsolutePath().normalize();
        }
        if (includeStack.contains(real)) {
            StringBuilder chain = new StringBuilder();
            includeStack.descendingIterator().forEachRemaining(p -> chain.append(p.getFileName()).append(" -> "));
            throw LaunchException.at(includedFrom, "include cycle: " + chain + real.getFileName());
        }
        if (includeStack.size() >= MAX_INCLUDE_DEPTH) throw LaunchException.at(includedFrom, "includes nested deeper than " + MAX_INCLUDE_DEPTH);
        XmlElement root;
        try {
            root = LaunchXmlReader.read(file);
        } catch (LaunchException e) {
            if (includedFrom == null) throw e;
            throw LaunchException.at(includedFrom, e.getMessage());
        }
        if (!root.tag().equals("launch")) throw LaunchException.at(root, "root element is <" + root.tag() + ">, expected <launch>");
        includeStack.push(real);
        try {
            children(root, scope);
        } finally {
            includeStack.pop();
        }
        Set<String> unused = new java.util.TreeSet<>(scope.passed.keySet());
        unused.removeAll(scope.declared);
        unused.removeAll(mayBeUnusedOnly(mayBeUnused, scope));
        if (!unused.isEmpty()) {
            String where = includedFrom != null ? includedFrom.location() : root.location();
            throw new LaunchException(where + ": unused args " + unused + " for " + file.getFileName()
                    + (includedFrom == null ? " (declared args: " + new java.util.TreeSet<>(scope.declared) + ")" : ""));
        }
    }

    /** Args that arrived by pass_all_args need not be declared by the included file. */
    private static Set<String> mayBeUnusedOnly(Set<String> mayBeUnused, Scope scope) {
        return mayBeUnused == null ? Set.of() : mayBeUnused;
    }

    private void children(XmlElement parent, Scope scope) {
        for (XmlElement e : parent.children()) {
            scope.at = e;
            try {
                if (!condition(e, scope)) continue;
                switch (e.tag()) {
                    case "arg" -> arg(e, scope);
                    case "param" -> param(e, scope, null);
                    case "rosparam" -> rosparam(e, scope, null);
                    case "node" -> node(e, scope);
                    case "include" -> include(e, scope);
                    case "group" -> group(e, scope);
                    case "remap" -> scope.remaps.put(req(e, scope, "from"), req(e, scope, "to"));
                    case "env" -> scope.env.put(req(e, scope, "name"), req(e, scope, "value"));
                    case "machine", "test" -> { /* machines are for remote launch; tests are rostest's */ }
                    default -> throw new IllegalArgumentException("unknown tag <" + e.tag() + ">");
                }
            } catch (LaunchException le) {
                throw le;
            } catch (IllegalArgumentException iae) {
                throw LaunchException.at(e, "<" + e.tag() + ">: " + iae.getMessage());
            }
        }
    }

    // ---- tags ----

    private boolean condition(XmlElement e, Scope scope) {
        String ifAttr = e.attr("if");
        String unlessAttr = e.attr("unless");
        if (ifAttr != null && unlessAttr != null) throw new IllegalArgumentException("both if and unless");
        if (ifAttr != null) return ParamValues.bool(Substitutions.resolve(ifAttr, scope));
        if (unlessAttr != null) return !ParamValues.bool(Substitutions.resolve(unlessAttr, scope));
        return true;
    }

    private void arg(XmlElement e, Scope scope) {
        only(e, "name", "value", "default", "doc", "if", "unless");
        String name = req(e, scope, "name");
        if (!RosNames.isLegalBase(name)) throw new IllegalArgumentException("'" + name + "' is not a legal arg name");
        if (scope.declared.contains(name)) throw new IllegalArgumentException("arg '" + name + "' is declared twice");
        if (e.has("value") && e.has("default")) throw new IllegalArgumentException("arg '" + name + "' has both value and default");
        scope.declared.add(name);
        if (e.has("value")) {
            if (scope.passed.containsKey(name)) throw new IllegalArgumentException("arg '" + name + "' has a fixed value and cannot be set from outside");
            scope.args.put(name, Substitutions.resolve(e.attr("value"), scope));
        } else if (scope.passed.containsKey(name)) {
            scope.args.put(name, scope.passed.get(name));
        } else if (e.has("default")) {
            scope.args.put(name, Substitutions.resolve(e.attr("default"), scope));
        }
    }

    private void param(XmlElement e, Scope scope, String nodePrivateNs) {
        only(e, "name", "value", "type", "textfile", "binfile", "command", "if", "unless");
        String name = req(e, scope, "name");
        String full = paramName(name, scope, nodePrivateNs);
        int sources = (e.has("value") ? 1 : 0) + (e.has("textfile") ? 1 : 0) + (e.has("binfile") ? 1 : 0) + (e.has("command") ? 1 : 0);
        if (sources != 1) throw new IllegalArgumentException("param '" + name + "' needs exactly one of value, textfile, binfile, command");
        String type = e.has("type") ? Substitutions.resolve(e.attr("type"), scope) : null;
        Object value;
        if (e.has("value")) {
            value = ParamValues.convert(Substitutions.resolve(e.attr("value"), scope), type);
        } else if (e.has("textfile")) {
            Path path = Path.of(Substitutions.resolve(e.attr("textfile"), scope));
            value = ParamValues.convert(readText(path), type == null ? "str" : type);
        } else if (e.has("command")) {
            String command = Substitutions.resolve(e.attr("command"), scope);
            if (!runCommands) {
                if (type != null) ParamValues.checkType(type);
                value = new CommandParam(command, type);
            } else {
                value = ParamValues.convert(runCommand(command, scope), type == null ? "str" : type);
            }
        } else {
            throw new IllegalArgumentException("binfile params are not supported");
        }
        ParamValues.flattenInto(params, full, value);
    }

    private void rosparam(XmlElement e, Scope scope, String nodePrivateNs) {
        only(e, "command", "file", "param", "ns", "subst_value", "if", "unless");
        String command = e.has("command") ? Substitutions.resolve(e.attr("command"), scope) : "load";
        String ns = scope.ns;
        if (nodePrivateNs != null) ns = nodePrivateNs;
        if (e.has("ns")) ns = RosNames.childNamespace(ns, Substitutions.resolve(e.attr("ns"), scope));
        String paramAttr = e.has("param") ? Substitutions.resolve(e.attr("param"), scope) : null;
        if (paramAttr != null && !RosNames.isLegal(paramAttr)) throw new IllegalArgumentException("'" + paramAttr + "' is not a legal parameter name");
        String target = paramAttr == null ? RosNames.resolve(ns, "") : resolveIn(ns, paramAttr, nodePrivateNs);
        switch (command) {
            case "load" -> {
                String text;
                if (e.has("file")) text = readText(Path.of(Substitutions.resolve(e.attr("file"), scope)));
                else text = e.text();
                if (e.has("subst_value") && ParamValues.bool(Substitutions.resolve(e.attr("subst_value"), scope))) {
                    text = Substitutions.resolve(text, scope);
                }
                Object value = ParamValues.yaml(text);
                if (value == null) return;
                if (paramAttr == null && !(value instanceof Map)) {
                    throw new IllegalArgumentException("rosparam without param= needs a YAML dictionary");
                }
                ParamValues.flattenInto(params, target, value);
            }
            case "delete" -> {
                if (paramAttr == null) throw new IllegalArgumentException("rosparam delete needs param=");
                deleteParams.add(target);
                params.keySet().removeIf(k -> k.equals(target) || k.startsWith(target + "/"));
            }
            case "dump" -> { /* writes a file at shutdown in roslaunch; nothing to evaluate */ }
            default -> throw new IllegalArgumentException("unknown rosparam command '" + command + "' (load, delete, dump)");
        }
    }

    private void node(XmlElement e, Scope outer) {
        only(e, "pkg", "type", "name", "args", "machine", "respawn", "respawn_delay", "required", "ns", "clear_params",
                "output", "cwd", "launch-prefix", "if", "unless");
        String pkg = req(e, outer, "pkg");
        String type = req(e, outer, "type");
        String name = req(e, outer, "name");
        if (!RosNames.isLegalBase(name)) throw new IllegalArgumentException("node name '" + name + "' must be a base name (letters, digits, _)");
        String ns = RosNames.childNamespace(outer.ns, opt(e, outer, "ns"));
        if (!RosNames.isLegal(ns)) throw new IllegalArgumentException("'" + ns + "' is not a legal namespace");
        boolean respawn = e.has("respawn") && ParamValues.bool(Substitutions.resolve(e.attr("respawn"), outer));
        boolean required = e.has("required") && ParamValues.bool(Substitutions.resolve(e.attr("required"), outer));
        if (respawn && required) throw new IllegalArgumentException("node " + name + " cannot be both respawn and required");
        double respawnDelay = 0;
        if (e.has("respawn_delay")) {
            Object d = ParamValues.convert(Substitutions.resolve(e.attr("respawn_delay"), outer), "double");
            respawnDelay = (Double) d;
            if (!(respawnDelay >= 0) || respawnDelay > 3600) throw new IllegalArgumentException("respawn_delay must be 0..3600 s");
        }
        String output = e.has("output") ? Substitutions.resolve(e.attr("output"), outer) : "log";
        if (!output.equals("log") && !output.equals("screen")) throw new IllegalArgumentException("output must be log or screen, not '" + output + "'");
        String fullName = ns + name;
        if (nodes.stream().anyMatch(n -> n.fullName().equals(fullName))) {
            throw new IllegalArgumentException("more than one node is named " + fullName);
        }
        String privateNs = fullName + "/";
        if (e.has("clear_params") && ParamValues.bool(Substitutions.resolve(e.attr("clear_params"), outer))) {
            clearParams.add(fullName);
        }
        Map<String, String> remaps = new LinkedHashMap<>(outer.remaps);
        Map<String, String> env = new LinkedHashMap<>(outer.env);
        Scope inner = outer.group(ns);
        for (XmlElement c : e.children()) {
            inner.at = c;
            try {
                if (!condition(c, inner)) continue;
                switch (c.tag()) {
                    case "remap" -> remaps.put(req(c, inner, "from"), req(c, inner, "to"));
                    case "env" -> env.put(req(c, inner, "name"), req(c, inner, "value"));
                    case "param" -> param(c, inner, privateNs);
                    case "rosparam" -> rosparam(c, inner, privateNs);
                    default -> throw new IllegalArgumentException("<" + c.tag() + "> is not allowed inside <node>");
                }
            } catch (LaunchException le) {
                throw le;
            } catch (IllegalArgumentException iae) {
                throw LaunchException.at(c, "<" + c.tag() + ">: " + iae.getMessage());
            }
        }
        List<String> args = CommandArgs.split(opt(e, outer, "args"));
        nodes.add(new NodeSpec(pkg, type, name, ns, args, remaps, env, respawn, respawnDelay, required, output, e.location()));
    }

    private void include(XmlElement e, Scope outer) {
        only(e, "file", "ns", "clear_params", "pass_all_args", "if", "unless");
        Path file = Path.of(req(e, outer, "file"));
        if (!file.isAbsolute()) file = outer.file.toAbsolutePath().getParent().resolve(file);
        String ns = RosNames.childNamespace(outer.ns, opt(e, outer, "ns"));
        if (e.has("clear_params") && ParamValues.bool(Substitutions.resolve(e.attr("clear_params"), outer))) {
            if (!e.has("ns")) throw new IllegalArgumentException("clear_params needs ns");
            clearParams.add(RosNames.resolve(ns, ""));
        }
        Map<String, String> passed = new LinkedHashMap<>();
        Set<String> fromPassAll = new HashSet<>();
        if (e.has("pass_all_args") && ParamValues.bool(Substitutions.resolve(e.attr("pass_all_args"), outer))) {
            outer.args.forEach((k, v) -> {
                if (v != null) {
                    passed.put(k, v);
                    fromPassAll.add(k);
                }
            });
        }
        Map<String, String> env = new LinkedHashMap<>(outer.env);
        for (XmlElement c : e.children()) {
            outer.at = c;
            try {
                if (!condition(c, outer)) continue;
                switch (c.tag()) {
                    case "arg" -> {
                        only(c, "name", "value", "default", "doc", "if", "unless");
                        String name = req(c, outer, "name");
                        String v = c.has("value") ? Substitutions.resolve(c.attr("value"), outer)
                                : c.has("default") ? Substitutions.resolve(c.attr("default"), outer) : null;
                        if (v == null) throw new IllegalArgumentException("arg '" + name + "' passed to an include needs value=");
                        if (passed.containsKey(name) && !fromPassAll.contains(name)) throw new IllegalArgumentException("arg '" + name + "' passed twice");
                        passed.put(name, v);
                        fromPassAll.remove(name);
                    }
                    case "env" -> env.put(req(c, outer, "name"), req(c, outer, "value"));
                    default -> throw new IllegalArgumentException("<" + c.tag() + "> is not allowed inside <include>");
                }
            } catch (LaunchException le) {
                throw le;
            } catch (IllegalArgumentException iae) {
                throw LaunchException.at(c, "<" + c.tag() + ">: " + iae.getMessage());
            }
        }
        Scope inner = new Scope(ns, file, passed, outer.remaps, env);
        loadFile(file, inner, fromPassAll, e);
    }

    private void group(XmlElement e, Scope outer) {
        only(e, "ns", "clear_params", "if", "unless");
        String ns = RosNames.childNamespace(outer.ns, opt(e, outer, "ns"));
        if (!RosNames.isLegal(ns)) throw new IllegalArgumentException("'" + ns + "' is not a legal namespace");
        if (e.has("clear_params") && ParamValues.bool(Substitutions.resolve(e.attr("clear_params"), outer))) {
            if (!e.has("ns")) throw new IllegalArgumentException("clear_params needs ns");
            clearParams.add(RosNames.resolve(ns, ""));
        }
        Scope inner = outer.group(ns);
        children(e, inner);
        // Args declared inside the group stay there, but the group's use of passed args counts as declared.
        outer.declared.addAll(inner.declared.stream().filter(outer.passed::containsKey).toList());
    }

    // ---- helpers ----

    private String paramName(String name, Scope scope, String nodePrivateNs) {
        if (!RosNames.isLegal(name) || name.isEmpty()) throw new IllegalArgumentException("'" + name + "' is not a legal parameter name");
        if (name.startsWith("~") && nodePrivateNs == null) {
            throw new IllegalArgumentException("private parameter '" + name + "' is only allowed inside <node>");
        }
        return resolveIn(nodePrivateNs != null ? nodePrivateNs : scope.ns, name, nodePrivateNs);
    }

    private static String resolveIn(String ns, String name, String nodePrivateNs) {
        if (name.startsWith("~")) {
            if (nodePrivateNs == null) throw new IllegalArgumentException("private name '" + name + "' outside <node>");
            return RosNames.resolve(nodePrivateNs, name.substring(1));
        }
        return RosNames.resolve(ns, name);
    }

    private static void only(XmlElement e, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String a : e.attrs().keySet()) {
            if (!ok.contains(a)) throw new IllegalArgumentException("unknown attribute '" + a + "' (allowed: " + String.join(", ", allowed) + ")");
        }
    }

    private static String req(XmlElement e, Scope scope, String attr) {
        String raw = e.attr(attr);
        if (raw == null) throw new IllegalArgumentException("missing attribute '" + attr + "'");
        return Substitutions.resolve(raw, scope);
    }

    private static String opt(XmlElement e, Scope scope, String attr) {
        String raw = e.attr(attr);
        return raw == null ? null : Substitutions.resolve(raw, scope);
    }

    private static String readText(Path path) {
        try {
            return LaunchFiles.readText(path, ParamValues.MAX_YAML_CHARS);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage());
        }
    }

    /**
     * Runs {@code command} through {@code /bin/sh -c}, as roslaunch does, and returns what it prints on stdout. The
     * deadline covers the whole run including reading the output; at the deadline, or once the output passes its
     * limit, the shell and everything it started are killed.
     */
    private String runCommand(String command, Scope scope) {
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(scope.env);
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot run '" + command + "': " + e.getMessage());
        }
        long deadline = System.nanoTime() + commandTimeout.toNanos();
        int cap = maxCommandOutput;
        java.util.concurrent.CompletableFuture<byte[]> output = new java.util.concurrent.CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (java.io.InputStream in = p.getInputStream()) {
                output.complete(in.readNBytes(cap + 1));
            } catch (IOException | RuntimeException e) {
                output.completeExceptionally(e);
            }
        }, "launch-command-output");
        reader.setDaemon(true);
        reader.start();
        String limit = commandTimeout.toMillis() % 1000 == 0 ? commandTimeout.toSeconds() + " s" : commandTimeout.toMillis() + " ms";
        try {
            byte[] out;
            try {
                out = output.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalArgumentException("command '" + command + "' took longer than " + limit + "; killed it");
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalArgumentException("cannot read the output of '" + command + "': " + e.getCause().getMessage());
            }
            if (out.length > cap) throw new IllegalArgumentException("command '" + command + "' printed more than " + cap + " bytes; killed it");
            if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalArgumentException("command '" + command + "' took longer than " + limit + "; killed it");
            }
            if (p.exitValue() != 0) throw new IllegalArgumentException("command '" + command + "' exited with " + p.exitValue());
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while running '" + command + "'");
        } finally {
            kill(p);
        }
    }

    /** Kills a process and every process it started that is still there. */
    private static void kill(Process p) {
        List<ProcessHandle> tree = p.descendants().toList();
        p.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }
}
