package org.liquidpilot.liquid.export;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a C export is called and what it carries besides the network.
 *
 * @param prefix         prefix of every C symbol and of the file names ({@code ncp19} gives {@code ncp19.h},
 *                       {@code ncp19_step}, {@code NCP19_INPUTS}), so two models can live in one firmware
 * @param commandOutputs what each output commands ({@code forward}, {@code yaw_rate}, …), as the model file's
 *                       {@code command_outputs} names them; empty when the file names none
 */
public record CExportConfig(String prefix, List<String> commandOutputs) {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern OUTPUT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public CExportConfig {
        if (prefix == null || !IDENTIFIER.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must be a lower-case C identifier of at most 32 characters (a-z, 0-9, _; a letter first), got '" + prefix + "'");
        }
        commandOutputs = List.copyOf(commandOutputs);
        for (String n : commandOutputs) {
            if (!OUTPUT_NAME.matcher(n).matches()) throw new IllegalArgumentException("command output name '" + n + "' is not a C identifier");
        }
    }

    public CExportConfig(String prefix) {
        this(prefix, List.of());
    }
}
