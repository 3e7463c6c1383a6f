package org.liquidpilot.sim.world;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What a forest is made of. {@code MIXED} is the training forest (conifers and broadleaves); {@code BIRCH} (slender
 * white trunks, small high crowns, close together) and {@code PINE} (tall bare reddish trunks with a crown at the top,
 * far apart) are stands no training run sees. In forest-open the biome sets the spacing too; along the road and the
 * trail the layout stays the generator's (the corridor's clearances hold) and only the trees change.
 *
 * @param density  trees per square metre in forest-open
 * @param spacingM least distance between two trunks in forest-open
 */
public record Biome(String name, double density, double spacingM) {
    public static final Biome MIXED = new Biome("mixed", 0.06, 2.4);
    public static final Biome BIRCH = new Biome("birch", 0.09, 1.8);
    public static final Biome PINE = new Biome("pine", 0.035, 4.0);

    public static Biome of(String name) {
        return switch (name) {
            case "mixed" -> MIXED;
            case "birch" -> BIRCH;
            case "pine" -> PINE;
            default -> throw new IllegalArgumentException("biome must be mixed, birch or pine, not '" + name + "'");
        };
    }

    /** A new tree of this biome at (x, y). */
    Tree tree(SplittableRandom rnd, double x, double y) {
        return switch (name) {
            case "birch" -> {
                double h = 10 + rnd.nextDouble() * 6;
                yield new Tree(Tree.Kind.BIRCH, x, y, 0.08 + 0.08 * rnd.nextDouble(), h, rnd.nextDouble());
            }
            case "pine" -> {
                double h = 14 + rnd.nextDouble() * 8;
                yield new Tree(Tree.Kind.PINE, x, y, 0.18 + 0.12 * rnd.nextDouble(), h, rnd.nextDouble());
            }
            default -> {
                boolean conifer = rnd.nextDouble() < 0.6;
                double h = conifer ? 7 + rnd.nextDouble() * 9 : 5 + rnd.nextDouble() * 6;
                double r = 0.12 + 0.02 * h * (0.6 + 0.4 * rnd.nextDouble());
                yield new Tree(conifer ? Tree.Kind.CONIFER : Tree.Kind.BROADLEAF, x, y, r, h, rnd.nextDouble());
            }
        };
    }

    /**
     * The path worlds' trees recast as this biome in place, rocks kept. Trunks never get thicker, so no tree comes
     * closer to the path than the generator allowed. The mixed forest is returned untouched.
     */
    List<Tree> recast(List<Tree> trees, long seed) {
        if (name.equals("mixed")) return trees;
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x6A09E667F3BCC909L);
        return trees.stream().map(t -> {
            if (t.kind() == Tree.Kind.ROCK || t.kind() == Tree.Kind.TARGET) return t;
            Tree n = tree(rnd, t.x(), t.y());
            return new Tree(n.kind(), t.x(), t.y(), Math.min(t.radius(), n.radius()), n.height(), n.shade());
        }).toList();
    }
}
