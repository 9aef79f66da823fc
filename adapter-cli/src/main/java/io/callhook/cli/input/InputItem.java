package io.callhook.cli.input;

/** One thing read from the input: an event to replay, or a problem to report (and then carry on). */
public sealed interface InputItem permits RecordedEvent, InputProblem {

    /** Where it came from. */
    Origin origin();
}
