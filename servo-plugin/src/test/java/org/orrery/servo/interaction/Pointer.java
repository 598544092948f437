package org.orrery.servo.interaction;

import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;
import javafx.scene.input.ScrollEvent;

/** Mouse events fired straight at a node, as a user's pointer would send them. FX thread. */
final class Pointer {

    private Pointer() {
    }

    static void press(Node node, MouseButton button, double x, double y, boolean shift) {
        node.fireEvent(mouse(MouseEvent.MOUSE_PRESSED, button, x, y, shift, 1));
    }

    static void drag(Node node, MouseButton button, double x, double y, boolean shift) {
        node.fireEvent(mouse(MouseEvent.MOUSE_DRAGGED, button, x, y, shift, 1));
    }

    static void doubleClick(Node node, double x, double y) {
        node.fireEvent(mouse(MouseEvent.MOUSE_CLICKED, MouseButton.PRIMARY, x, y, false, 2));
    }

    static void move(Node node, double x, double y) {
        node.fireEvent(mouse(MouseEvent.MOUSE_MOVED, MouseButton.NONE, x, y, false, 0));
    }

    static void scroll(Node node, double x, double y, double deltaY) {
        node.fireEvent(new ScrollEvent(ScrollEvent.SCROLL, x, y, x, y, false, false, false, false, false, false,
                0, deltaY, 0, deltaY, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, new PickResult(node, x, y)));
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, MouseButton button, double x, double y,
                                    boolean shift, int clicks) {
        return new MouseEvent(type, x, y, x, y, button, clicks, shift, false, false, false,
                button == MouseButton.PRIMARY, button == MouseButton.MIDDLE, button == MouseButton.SECONDARY,
                false, false, false, null);
    }
}
