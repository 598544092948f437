package org.orrery.servo.web;

/**
 * Servo cannot run in this process: the bridge library is missing, is for another platform or
 * ABI, or Servo failed to start. The message says which; the application goes on without Servo.
 */
public class ServoUnavailableException extends RuntimeException {

    public ServoUnavailableException(String message) {
        super(message);
    }

    public ServoUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
