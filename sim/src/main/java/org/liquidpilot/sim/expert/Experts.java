package org.liquidpilot.sim.expert;

import org.liquidpilot.sim.run.PrivilegedPolicy;
import org.liquidpilot.sim.scenario.Scenario;

/** The privileged expert for a scenario's task: pure pursuit along the path, or flying to the targets. */
public final class Experts {
    private Experts() {}

    public static PrivilegedPolicy forScenario(Scenario sc) {
        return sc.isTargetTask() ? new TargetExpert(sc.speedMps(), sc.success()) : new PurePursuitExpert(sc.isQuad(), sc.speedMps());
    }
}
