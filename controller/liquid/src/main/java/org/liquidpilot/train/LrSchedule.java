package org.liquidpilot.train;

/** Learning rate per epoch: constant, cosine annealing to a floor, or step decay. Parsed from the CLI form. */
public record LrSchedule(Kind kind, double base, double floor, int stepEpochs, double gamma, int totalEpochs) {

    public enum Kind { CONSTANT, COSINE, STEP }

    public LrSchedule {
        if (!(base > 0) || Double.isInfinite(base)) throw new IllegalArgumentException("learning rate must be > 0, got " + base);
    }

    public static LrSchedule constant(double lr) {
        return new LrSchedule(Kind.CONSTANT, lr, 0, 0, 1, 1);
    }

    /**
     * {@code constant}, {@code cosine} (to lr/100 over all epochs) or {@code step:E:G} (×G every E epochs).
     */
    public static LrSchedule parse(String spec, double lr, int totalEpochs) {
        if (spec.equals("constant")) return constant(lr);
        if (spec.equals("cosine")) return new LrSchedule(Kind.COSINE, lr, lr / 100, 0, 1, Math.max(1, totalEpochs));
        String[] parts = spec.split(":");
        if (parts.length == 3 && parts[0].equals("step")) {
            try {
                int e = Integer.parseInt(parts[1]);
                double g = Double.parseDouble(parts[2]);
                if (e < 1 || !(g > 0 && g <= 1)) throw new NumberFormatException();
                return new LrSchedule(Kind.STEP, lr, 0, e, g, totalEpochs);
            } catch (NumberFormatException ex) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("learning-rate schedule must be constant, cosine or step:EPOCHS:GAMMA (0<GAMMA≤1), got '" + spec + "'");
    }

    /** The rate for a 0-based epoch. */
    public double at(int epoch) {
        return switch (kind) {
            case CONSTANT -> base;
            case COSINE -> floor + (base - floor) * 0.5 * (1 + Math.cos(Math.PI * Math.min(epoch, totalEpochs) / totalEpochs));
            case STEP -> base * Math.pow(gamma, epoch / stepEpochs);
        };
    }
}
