package org.liquidpilot.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads the files a launch file names (launch files, includes, {@code textfile=}, {@code rosparam file=}): regular
 * files only, so a FIFO cannot block the loader and a device such as {@code /dev/zero} cannot feed it forever; and
 * never more than a limit of bytes actually read, whatever size the file system reports.
 */
final class LaunchFiles {
    private LaunchFiles() {}

    /**
     * The bytes of {@code path}.
     *
     * @throws NoSuchFileException when it does not exist
     * @throws IllegalArgumentException when it is not a regular file, or holds more than {@code max} bytes
     */
    static byte[] read(Path path, int max) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        if (!a.isRegularFile()) throw new IllegalArgumentException(path + " is " + kind(path, a) + ", not a regular file");
        try (InputStream in = Files.newInputStream(path)) {
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) throw new IllegalArgumentException(path + " holds more than " + max + " bytes");
            return b;
        }
    }

    /** {@link #read} as UTF-8 text; bytes that are not UTF-8 are an error. */
    static String readText(Path path, int max) throws IOException {
        byte[] b = read(path, max);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(path + " is not UTF-8 text");
        }
    }

    private static String kind(Path path, BasicFileAttributes a) {
        if (a.isDirectory()) return "a directory";
        try {
            int type = ((Integer) Files.getAttribute(path, "unix:mode")) & 0170000;
            switch (type) {
                case 0010000: return "a FIFO";
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0140000: return "a socket";
                default: break;
            }
        } catch (IOException | RuntimeException e) {
            // no unix view: say less
        }
        return "a special file";
    }
}
