package org.liquidpilot.launch;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Garbage in, one clear LaunchException out: never another exception, a hang or a huge allocation. */
class LaunchGarbageTest {
    private static final Path FILE = Path.of("/nonexistent-dir/garbage.launch");

    @Property(tries = 300)
    void randomBytesGiveLaunchExceptions(@ForAll byte[] bytes) {
        try {
            LaunchXmlReader.parse(bytes, FILE);
        } catch (LaunchException expected) {
            // fine
        }
    }

    @Property(tries = 300)
    void mutatedLaunchFilesFailCleanly(@ForAll("mutations") String xml) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("lp-garbage");
        try {
            Path f = dir.resolve("g.launch");
            java.nio.file.Files.writeString(f, xml);
            new LaunchLoader(Map.of()).evaluate(f, Map.of());
        } catch (LaunchException expected) {
            // fine: the message carries file:line
            if (!expected.getMessage().contains("g.launch")) throw new AssertionError("no file in: " + expected.getMessage());
        } finally {
            try (var s = java.nio.file.Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Property(tries = 300)
    void substitutionGarbage(@ForAll @StringLength(max = 60) String s) {
        SubstitutionContext ctx = new SubstitutionContext() {
            public String arg(String name) { if (name.equals("a")) return "1"; throw new IllegalArgumentException("no arg " + name); }
            public String env(String name) { return null; }
            public Path findPackage(String pkg) { throw new IllegalArgumentException("no package"); }
            public String anon(String name) { return name + "_1"; }
            public Path currentFile() { return FILE; }
        };
        try {
            Substitutions.resolve(s, ctx);
            Substitutions.resolve("$(eval " + s + ")", ctx);
        } catch (IllegalArgumentException expected) {
            // fine
        }
    }

    @Provide
    Arbitrary<String> mutations() {
        String base = """
                <launch>
                  <arg name="a" default="1"/>
                  <group ns="g" if="$(eval a == '1')">
                    <node pkg="liquidpilot" type="pilot" name="pilot" args="x">
                      <param name="p" type="int" value="$(arg a)"/>
                      <rosparam>k: {v: [1, 2]}</rosparam>
                      <remap from="a" to="b"/>
                    </node>
                  </group>
                  <include file="$(dirname)/g.launch"/>
                </launch>""";
        return Arbitraries.integers().between(0, base.length() - 1).list().ofMinSize(1).ofMaxSize(6)
                .flatMap(cuts -> Arbitraries.strings().withChars("<>/\"'$()=& \nabx~:").ofMaxLength(4).list().ofSize(cuts.size())
                        .map(inserts -> {
                            StringBuilder sb = new StringBuilder(base);
                            for (int i = 0; i < cuts.size(); i++) {
                                int at = Math.min(cuts.get(i), sb.length());
                                int end = Math.min(sb.length(), at + inserts.get(i).length() % 3);
                                sb.replace(at, end, inserts.get(i));
                            }
                            return sb.toString();
                        }));
    }

    @Property(tries = 50)
    void utf8GarbageInsideLaunch(@ForAll @StringLength(max = 200) String s) {
        byte[] xml = ("<launch>" + s + "</launch>").getBytes(StandardCharsets.UTF_8);
        try {
            LaunchXmlReader.parse(xml, FILE);
        } catch (LaunchException expected) {
            // fine
        }
    }
}
