package org.orrery.shell.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orrery.shell.pipeline.BackgroundPriority;
import org.orrery.shell.pipeline.FxThreads;
import org.orrery.shell.pipeline.JvmBackgroundThreads;

class RunOptionsTest {

    @Test
    void readsEveryOption() throws Exception {
        RunOptions options = RunOptions.parse(List.of("--plugin", "nbody", "--param", "gravity=2.5", "--param",
                "distribution=sphere", "--items", "1024", "--seconds", "1.5", "--rate", "120", "--warmup", "2", "--report", "out.csv", "--floor", "--plugins", "p", "--window",
                "--late-frames"));
        assertThat(options.plugin()).isEqualTo("nbody");
        assertThat(options.parameters()).isEqualTo(Map.of("gravity", "2.5", "distribution", "sphere"));
        assertThat(options.items()).isEqualTo(1024);
        assertThat(options.frames()).isZero();
        assertThat(options.seconds()).isEqualTo(1.5);
        assertThat(options.rate()).isEqualTo(120);
        assertThat(options.warmup()).isEqualTo(2);
        assertThat(options.report()).isEqualTo(Path.of("out.csv"));
        assertThat(options.pluginsFolder()).isEqualTo(Path.of("p"));
        assertThat(options.floor()).isTrue();
        assertThat(options.window()).isTrue();
        assertThat(options.lateFrames()).isTrue();
    }

    @Test
    void readsTheDataToLoadItsColumnsAndHowTheRunMoves() throws Exception {
        RunOptions options = RunOptions.parse(List.of("--plugin", "density", "--data", "trips.csv", "--columns",
                "longitude,latitude,fare", "--pan", "--clock", "--worker-cpus", "0-1", "--fx-cpus", "UI", "--background", "5"));
        assertThat(options.data().file()).isEqualTo(Path.of("trips.csv"));
        assertThat(options.data().xColumn()).isEqualTo("longitude");
        assertThat(options.data().yColumn()).isEqualTo("latitude");
        assertThat(options.data().weightColumn()).contains("fare");
        assertThat(options.pan()).isTrue();
        assertThat(options.clock()).isTrue();
        assertThat(options.workerCpus()).isEqualTo("0-1");
        assertThat(options.fxCpus()).isEqualTo(FxThreads.Mode.UI);
        assertThat(options.background()).isEqualTo(BackgroundPriority.nice(5));
        RunOptions plain = RunOptions.parse(List.of("--plugin", "density", "--data", "points.parquet"));
        assertThat(plain.data().xColumn()).isEqualTo("x");
        assertThat(plain.data().yColumn()).isEqualTo("y");
        assertThat(plain.data().weightColumn()).isEmpty();
        assertThat(plain.pan()).isFalse();
        assertThat(plain.clock()).isFalse();
        assertThat(plain.workerCpus()).isNull();
        assertThat(plain.fxCpus()).isEqualTo(FxThreads.Mode.AUTO);
        assertThat(plain.background()).isEqualTo(JvmBackgroundThreads.DEFAULT);
        assertThat(RunOptions.parse(List.of("--plugin", "x", "--background", "Idle")).background())
                .isEqualTo(BackgroundPriority.IDLE);
    }

    @Test
    void defaultsTo600FramesAt60TicksPerSecond() throws Exception {
        RunOptions options = RunOptions.parse(List.of("--plugin", "heat"));
        assertThat(options.frames()).isEqualTo(600);
        assertThat(options.rate()).isEqualTo(60);
        assertThat(options.items()).isZero();
        assertThat(options.gridWidth()).isZero();
        assertThat(options.report()).isNull();
        assertThat(options.floor()).isFalse();
        assertThat(options.window()).isFalse();
        assertThat(options.lateFrames()).isFalse();
        assertThat(options.data()).isNull();
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertThatThrownBy(() -> RunOptions.parse(List.of())).hasMessage("--plugin is required");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--plugin"))).hasMessage("--plugin needs a value");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--plugin", "x", "--frames", "-3")))
                .hasMessage("--frames takes a whole number above 0, got '-3'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--plugin", "x", "--rate", "fast")))
                .hasMessage("--rate takes a number above 0, got 'fast'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--plugin", "x", "--param", "gravity")))
                .hasMessage("--param takes NAME=VALUE, got 'gravity'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--plugin", "x", "--frames", "5", "--seconds", "2")))
                .hasMessage("give --frames or --seconds, not both");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--plugin", "x", "--colour", "red")))
                .hasMessage("unknown option '--colour'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("stray"))).hasMessage("unexpected 'stray'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--plugin", "x", "--grid", "512")))
                .hasMessage("--grid takes WIDTHxHEIGHT, for example 1024x768, got '512'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--plugin", "x", "--grid", "512x0")))
                .hasMessage("--grid takes a whole number above 0, got '0'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--plugin", "x", "--items", "300", "--grid", "8x8")))
                .hasMessage("give --items (a kernel of items) or --grid (a grid kernel), not both");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--plugin", "x", "--report", "out.txt")))
                .hasMessage("--report writes CSV or JSON: name the file .csv or .json, got 'out.txt'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--plugin", "x", "--columns", "a,b")))
                .hasMessage("--columns names the columns of a --data file: give the file too");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--plugin", "x", "--data", "d.csv", "--columns", "a")))
                .hasMessage("--columns takes X,Y or X,Y,WEIGHT (column names), got 'a'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--plugin", "x", "--data", "d.csv", "--columns", "a,,c")))
                .hasMessage("--columns takes X,Y or X,Y,WEIGHT (column names), got 'a,,c'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--plugin", "x", "--fx-cpus", "core0")))
                .hasMessage("--fx-cpus takes auto, ui or any, got 'core0'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--plugin", "x", "--background", "20")))
                .hasMessage("--background takes idle or a nice value from 0 to 19, got '20'");
    }
}
