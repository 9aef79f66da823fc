package io.callhook.cli.replay;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A redrawn progress bar with rate and ETA, for a human watching a terminal. */
final class TerminalProgress implements Progress {

    private final ProgressBar bar;

    TerminalProgress(PrintStream terminal, String task, long total) {
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(terminal))
                .setUnit(" events", 1)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .clearDisplayOnFinish()
                .build();
    }

    @Override
    public void advance(long n) {
        bar.stepBy(n);
    }

    @Override
    public void expect(long total) {
        bar.maxHint(total);
    }

    @Override
    public void close() {
        bar.close();
    }
}
