package org.orrery.servo.web;

/** A call into the Servo bridge failed; the message is the bridge's, with what was being done. */
public class ServoException extends RuntimeException {

    /** The bridge's result code for a script that ran past its time. */
    public static final int TIMED_OUT = -5;
    /** The bridge's result code for a script that threw or did not compile. */
    public static final int SCRIPT_ERROR = -6;

    private final int code;

    public ServoException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The bridge's result code ({@code ORRERY_SERVO_*} in {@code orrery_servo.h}). */
    public int code() {
        return code;
    }
}
