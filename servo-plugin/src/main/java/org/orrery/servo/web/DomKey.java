package org.orrery.servo.web;

import javafx.scene.input.KeyCode;

/**
 * A JavaFX key as the DOM names it: the {@code key} value (the character typed, or a named key
 * such as "Enter") and the {@code code} of the physical key ("KeyA", "Digit1", "Enter").
 */
record DomKey(String key, String code) {

    /**
     * The DOM's names for a key event's code and text; null for keys the DOM has no use for
     * (a lone modifier is sent as its own named key).
     */
    static DomKey of(KeyCode code, String text) {
        if (code == null) {
            return null;
        }
        String physical = physicalCode(code);
        String named = namedKey(code);
        if (named != null) {
            return new DomKey(named, physical);
        }
        if (text != null && !text.isEmpty()) {
            return new DomKey(text, physical);
        }
        if (code.isLetterKey() || code.isDigitKey()) {
            return new DomKey(code.getChar().toLowerCase(java.util.Locale.ROOT), physical);
        }
        return null;
    }

    private static String namedKey(KeyCode code) {
        return switch (code) {
            case ENTER -> "Enter";
            case BACK_SPACE -> "Backspace";
            case TAB -> "Tab";
            case ESCAPE -> "Escape";
            case DELETE -> "Delete";
            case INSERT -> "Insert";
            case HOME -> "Home";
            case END -> "End";
            case PAGE_UP -> "PageUp";
            case PAGE_DOWN -> "PageDown";
            case LEFT -> "ArrowLeft";
            case RIGHT -> "ArrowRight";
            case UP -> "ArrowUp";
            case DOWN -> "ArrowDown";
            case SHIFT -> "Shift";
            case CONTROL -> "Control";
            case ALT -> "Alt";
            case META, WINDOWS, COMMAND -> "Meta";
            case F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12 -> code.getName();
            default -> null;
        };
    }

    private static String physicalCode(KeyCode code) {
        if (code.isLetterKey()) {
            return "Key" + code.getName();
        }
        if (code.isDigitKey() && !code.isKeypadKey()) {
            return "Digit" + code.getName();
        }
        return switch (code) {
            case SPACE -> "Space";
            case ENTER -> "Enter";
            case BACK_SPACE -> "Backspace";
            case TAB -> "Tab";
            case ESCAPE -> "Escape";
            case DELETE -> "Delete";
            case LEFT -> "ArrowLeft";
            case RIGHT -> "ArrowRight";
            case UP -> "ArrowUp";
            case DOWN -> "ArrowDown";
            case SHIFT -> "ShiftLeft";
            case CONTROL -> "ControlLeft";
            case ALT -> "AltLeft";
            default -> "";
        };
    }
}
