package org.liquidpilot.e2e;

import org.junit.jupiter.api.Test;
import org.liquidpilot.cli.LiquidPilotCli;
import org.liquidpilot.launch.LaunchLoader;
import org.liquidpilot.ros.node.NodeConfiguration;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every command the README and launch/README show in a shell block must be one that works: {@code ./liquidpilot}
 * lines parse against the real CLI (every subcommand, option and value type exists), launch lines load their launch
 * file with their args (as {@code --dry-run} does: every arg declared, every include found), ROS-style arguments
 * follow the conventions, and {@code roslaunch liquidpilot} lines load the same way. Nothing is run; the tests that
 * run the commands live beside the features.
 */
class DocumentedCommandsTest {
    static final List<String> DOCS = List.of("README.md", "launch/README.md");

    record Documented(String file, int line, List<String> words) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + String.join(" ", words);
        }
    }

    @Test
    void everyDocumentedCommandIsOneTheToolsAccept() throws Exception {
        Path root = RepoFiles.root();
        List<Documented> commands = new ArrayList<>();
        for (String doc : DOCS) commands.addAll(commands(doc, Files.readAllLines(root.resolve(doc))));
        assertTrue(commands.size() >= 12, "found the documented commands: " + commands);
        int launches = 0;
        for (Documented c : commands) {
            List<String> w = c.words();
            if (w.get(0).equals("roslaunch")) {
                if (!w.get(1).equals("liquidpilot")) continue; // another package's launch file (mavros)
                load(root, root.resolve("launch").resolve(w.get(2)), w.subList(3, w.size()), c);
                launches++;
                continue;
            }
            List<String> args = w.subList(1, w.size());
            try {
                LiquidPilotCli.commandLine().parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                fail(c + ": the CLI refuses it: " + e.getMessage());
            }
            if (args.get(0).equals("launch")) {
                List<String> rest = args.subList(2, args.size()).stream().filter(a -> !a.startsWith("--")).toList();
                load(root, root.resolve(args.get(1)), rest, c);
                launches++;
            } else if (args.get(0).equals("node")) {
                List<String> ros = args.subList(2, args.size());
                for (String a : ros) assertTrue(a.contains(":="), c + ": '" + a + "' is not a ROS argument");
                NodeConfiguration config = NodeConfiguration.fromArgs(args.get(1), Map.of(), ros.toArray(String[]::new));
                for (String a : ros) {
                    String from = a.substring(0, a.indexOf(":="));
                    if (from.startsWith("_") || from.startsWith("__")) continue;
                    // a remap must name a topic the node really uses, or it does nothing
                    assertTrue(List.of("camera/image_raw", "cmd_vel", "mavros/setpoint_raw/local", "mavros/state").contains(from),
                            c + ": remapping '" + from + "' changes nothing the " + args.get(1) + " node uses");
                }
                assertNotNull(config);
            }
        }
        assertTrue(launches >= 7, "launch lines checked: " + launches);
    }

    private static void load(Path root, Path file, List<String> rosArgs, Documented c) {
        Map<String, String> args = new HashMap<>();
        for (String a : rosArgs) {
            int k = a.indexOf(":=");
            assertTrue(k > 0, c + ": '" + a + "' is not name:=value");
            args.put(a.substring(0, k), a.substring(k + 2));
        }
        try {
            assertNotNull(LaunchLoader.load(file, args));
        } catch (RuntimeException e) {
            fail(c + ": " + e.getMessage());
        }
    }

    /** Commands in fenced shell blocks: trailing comments and line continuations handled, quotes respected. */
    static List<Documented> commands(String file, List<String> lines) {
        List<Documented> out = new ArrayList<>();
        boolean inBlock = false, shell = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("```")) {
                shell = !inBlock && (line.equals("```sh") || line.equals("```bash") || line.equals("```shell"));
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock || !shell) continue;
            StringBuilder text = new StringBuilder(line);
            int first = i;
            while (text.toString().endsWith("\\") && i + 1 < lines.size()) {
                text.setLength(text.length() - 1);
                text.append(' ').append(lines.get(++i).strip());
            }
            List<String> words = words(text.toString());
            if (words.isEmpty()) continue;
            if (words.get(0).equals("./liquidpilot") || words.get(0).equals("roslaunch")) out.add(new Documented(file, first + 1, words));
        }
        return out;
    }

    static List<String> words(String s) {
        List<String> w = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quote != 0) {
                if (ch == quote) quote = 0;
                else cur.append(ch);
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                any = true;
            } else if (ch == '#' && cur.isEmpty() && !any) {
                break;
            } else if (Character.isWhitespace(ch)) {
                if (!cur.isEmpty() || any) w.add(cur.toString());
                cur.setLength(0);
                any = false;
            } else {
                cur.append(ch);
            }
        }
        if (!cur.isEmpty() || any) w.add(cur.toString());
        return w;
    }
}
