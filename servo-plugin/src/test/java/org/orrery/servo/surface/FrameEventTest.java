package org.orrery.servo.surface;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.orrery.servo.SyntheticFrames;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.layout.FieldLayout;
import org.orrery.servo.layout.LayoutFrame;

class FrameEventTest {

    @Test
    void eachFrameShownIsAJfrEventNamingItsComputeFrame() throws Exception {
        int side = 16;
        FieldLayout layout = new FieldLayout(0, side, side, false, FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false));
        Path file = Files.createTempFile("frames", ".jfr");
        try (ViewRig rig = new ViewRig(4L * side * side, LayoutFrame.slotBytes((long) side * side, 0), 64, 64);
             Recording recording = new Recording()) {
            recording.enable("org.orrery.Frame");
            recording.start();
            for (int frame = 1; frame <= 3; frame++) {
                rig.publishCompute(segment -> SyntheticFrames.heatField(segment, 0, side, side));
                rig.layOut(layout, null);
                rig.presentAndSnapshot();
            }
            rig.presentAndSnapshot(); // no new frame: no event
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Files.delete(file);
        assertThat(events).extracting(e -> e.getLong("frame")).containsExactly(1L, 2L, 3L);
        assertThat(events).allSatisfy(e -> assertThat(e.getDuration().isNegative()).isFalse());
    }
}
