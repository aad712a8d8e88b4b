package io.dbaas.gatekeeper.problem;

/**
 * A request GateKeeper answers with a known problem, raised where returning a response directly is not possible (inside
 * a body stream, around the proxy call). Without a stack trace: it is an answer, not a fault, and may be raised for
 * every chunk of an abusive request.
 */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
