package org.orrery.memory.timing;

import java.util.Objects;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;

/**
 * Whether a JFR event class is being recorded, asked on a hot path without allocating. A JFR
 * event object costs about 48 bytes that the JIT does not remove, so hot paths make one only when
 * this says so: false until JFR runs in the process, then whether a recording enabled the event.
 */
public final class JfrSwitch {

    private final Class<? extends Event> type;
    private volatile EventType eventType;

    public JfrSwitch(Class<? extends Event> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Whether an event of this class would be recorded now. */
    public boolean isOn() {
        if (!FlightRecorder.isInitialized()) {
            return false; // and no JFR class is touched, so none is started
        }
        EventType known = eventType;
        if (known == null) {
            known = EventType.getEventType(type);
            eventType = known;
        }
        return known.isEnabled();
    }
}
