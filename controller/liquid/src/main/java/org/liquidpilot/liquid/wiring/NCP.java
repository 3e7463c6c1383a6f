package org.liquidpilot.liquid.wiring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ncps {@code NCP(inter, command, motor, sensory_fanout, inter_fanout, recurrent_command_synapses, motor_fanin, seed)}:
 * the four-layer Neural Circuit Policy. Neuron ids are motor [0, M), command [M, M+C), inter [M+C, N); synapses are
 * drawn from numpy's legacy {@code RandomState(seed)} in ncps's order, so the same seed gives the same circuit.
 */
public record NCP(int interNeurons, int commandNeurons, int motorNeurons, int sensoryFanout, int interFanout,
                  int recurrentCommandSynapses, int motorFanin, long seed) implements WiringSpec {
    public static final long DEFAULT_SEED = 22222;

    public NCP {
        WiringSpec.requirePositive("inter_neurons", interNeurons);
        WiringSpec.requirePositive("command_neurons", commandNeurons);
        WiringSpec.requirePositive("motor_neurons", motorNeurons);
        WiringSpec.requirePositive("sensory_fanout", sensoryFanout);
        WiringSpec.requirePositive("inter_fanout", interFanout);
        WiringSpec.requirePositive("motor_fanin", motorFanin);
        if (recurrentCommandSynapses < 0) throw new IllegalArgumentException("recurrent_command_synapses must be >= 0");
        if (motorFanin > commandNeurons) {
            throw new IllegalArgumentException("motor_fanin " + motorFanin + " exceeds the " + commandNeurons + " command neurons");
        }
        if (sensoryFanout > interNeurons) {
            throw new IllegalArgumentException("sensory_fanout " + sensoryFanout + " exceeds the " + interNeurons + " inter neurons");
        }
        if (interFanout > commandNeurons) {
            throw new IllegalArgumentException("inter_fanout " + interFanout + " exceeds the " + commandNeurons + " command neurons");
        }
        if (seed < 0 || seed > 0xFFFFFFFFL) throw new IllegalArgumentException("seed must be in [0, 2^32), got " + seed);
        if ((long) interNeurons + commandNeurons + motorNeurons > 100_000) throw new IllegalArgumentException("too many neurons");
    }

    /** The 19-neuron policy of the NCP paper: {@code NCP(12, 6, 1, 6, 4, 6, 6)}. */
    public static NCP paper19() {
        return new NCP(12, 6, 1, 6, 4, 6, 6, DEFAULT_SEED);
    }

    @Override
    public int units() {
        return interNeurons + commandNeurons + motorNeurons;
    }

    @Override
    public int outputDim() {
        return motorNeurons;
    }

    @Override
    public String kind() {
        return "NCP";
    }

    @Override
    public Wiring build(int inputDim) {
        WiringSpec.requireBuildable(units(), inputDim);
        int n = units();
        LegacyRandomState rs = new LegacyRandomState(seed);
        int[][] adj = new int[n][n];
        int[][] sensory = new int[inputDim][n];
        int[] motor = range(0, motorNeurons);
        int[] command = range(motorNeurons, motorNeurons + commandNeurons);
        int[] inter = range(motorNeurons + commandNeurons, n);
        int[] sensoryIds = range(0, inputDim);
        int[] polarity = {-1, 1};

        List<Integer> unreachable = asList(inter);
        for (int src : sensoryIds) {
            for (int dst : rs.choiceWithoutReplacement(inter, sensoryFanout)) {
                unreachable.remove(Integer.valueOf(dst));
                sensory[src][dst] = rs.choice(polarity);
            }
        }
        int fanin = clip((int) ((double) inputDim * sensoryFanout / interNeurons), 1, inputDim);
        for (int dst : unreachable) {
            for (int src : rs.choiceWithoutReplacement(sensoryIds, fanin)) sensory[src][dst] = rs.choice(polarity);
        }

        unreachable = asList(command);
        for (int src : inter) {
            for (int dst : rs.choiceWithoutReplacement(command, interFanout)) {
                unreachable.remove(Integer.valueOf(dst));
                adj[src][dst] = rs.choice(polarity);
            }
        }
        fanin = clip((int) ((double) interNeurons * interFanout / commandNeurons), 1, commandNeurons);
        for (int dst : unreachable) {
            for (int src : rs.choiceWithoutReplacement(inter, fanin)) adj[src][dst] = rs.choice(polarity);
        }

        for (int i = 0; i < recurrentCommandSynapses; i++) {
            int src = rs.choice(command);
            int dst = rs.choice(command);
            adj[src][dst] = rs.choice(polarity);
        }

        unreachable = asList(command);
        for (int dst : motor) {
            for (int src : rs.choiceWithoutReplacement(command, motorFanin)) {
                unreachable.remove(Integer.valueOf(src));
                adj[src][dst] = rs.choice(polarity);
            }
        }
        int fanout = clip((int) ((double) motorNeurons * motorFanin / commandNeurons), 1, motorNeurons);
        for (int src : unreachable) {
            for (int dst : rs.choiceWithoutReplacement(motor, fanout)) adj[src][dst] = rs.choice(polarity);
        }
        return new Wiring(this, inputDim, motorNeurons, adj, sensory, List.of(inter, command, motor), motor, command, inter);
    }

    @Override
    public Map<String, Object> constructorArgs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cls", kind());
        m.put("inter_neurons", interNeurons);
        m.put("command_neurons", commandNeurons);
        m.put("motor_neurons", motorNeurons);
        m.put("sensory_fanout", sensoryFanout);
        m.put("inter_fanout", interFanout);
        m.put("recurrent_command_synapses", recurrentCommandSynapses);
        m.put("motor_fanin", motorFanin);
        m.put("seed", seed);
        return m;
    }

    static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }

    private static List<Integer> asList(int[] ids) {
        List<Integer> l = new ArrayList<>(ids.length);
        for (int id : ids) l.add(id);
        return l;
    }

    private static int clip(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
