package org.liquidpilot.cli;

import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.export.OnnxExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        description = {"Writes an LTC or CfC model as an ONNX model of one step (opset " + OnnxExport.OPSET + ", standard operators only): "
                + "inputs x [1,F] (normalised features), h [1,N] (state) and dt [1,1] (seconds), and c [1,N] with mixed memory; outputs "
                + "y [1,M] (raw), command [1,M] (y·scale + offset) and h_out [1,N] (and c_out). Feed h_out back as the next step's h, "
                + "starting from zeros. The model file's metadata (ncps constructor, output scaling, feature statistics) travels in "
                + "metadata_props under 'liquidpilot'.",
                "The tests run every export under ONNX Runtime against the Java core to 1e-5. LSTM, GRU, CT-RNN and MLP baselines are refused.",
                "Exit codes: 0 written, 2 bad input."})
final class ModelExportOnnxCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "liquidpilot model file, or an ncps state dict with --config")
    Path model;
    @Option(names = "--config", paramLabel = "NCPS_CONSTRUCTOR.json", description = "ncps constructor for a bare state dict")
    Path config;
    @Option(names = "--out", required = true, paramLabel = "FILE.onnx")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!out.getFileName().toString().endsWith(".onnx")) throw new BadInputException("--out must end in .onnx: " + out);
        LiquidModel m = ModelExportCCommand.loadLiquid(model, config);
        OnnxExport.OnnxModel onnx;
        try {
            onnx = OnnxExport.export(m);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(model + ": " + e.getMessage());
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new BadInputException("--out: directory " + parent + " does not exist");
        try {
            Files.write(out, onnx.bytes());
        } catch (IOException e) {
            throw new BadInputException("--out " + out + ": cannot write (" + e.getClass().getSimpleName() + ")");
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "wrote %s: %s; %d nodes, %,d float constants, %,d bytes%n", out, onnx.describe(), onnx.nodes(), onnx.constants(), onnx.bytes().length);
        o.flush();
        return 0;
    }
}
