package org.orrery.servo.web;

/** A call into the Servo bridge failed; the message is the bridge's, with what was being done. */
public class ServoException extends RuntimeException {

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
