package org.liquidpilot.bags;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BagInfoTest {

    /** {@code *.info.txt} is what Debian's {@code rosbag info} printed (TZ=UTC); only the path differs. */
    @ParameterizedTest
    @ValueSource(strings = {"flight_small_lz4", "flight_small_bz2", "flight_recorded", "many_topics"})
    void printsWhatRosbagInfoPrints(String name) throws Exception {
        List<String> expected = Files.readAllLines(Fixtures.bag(name + ".info.txt")).stream().skip(1).map(String::stripTrailing).toList();
        try (BagReader r = BagReader.open(Fixtures.bag(name + ".bag"))) {
            List<String> got = BagInfo.format(r, ZoneOffset.UTC).lines().toList();
            assertEquals(expected, got.subList(1, got.size()));
            assertEquals("path:", got.get(0).split("\\s+")[0]);
        }
    }
}
