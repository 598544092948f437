package org.orrery.shell.parameters;

import java.util.Locale;
import java.util.function.DoubleConsumer;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.orrery.api.kernel.ParameterSpec;
import org.orrery.api.kernel.ParameterType;

/**
 * A real or whole-number parameter: its label and unit, a slider over its range (when the range is
 * one a slider can cover) and a field. The field's text is taken on Enter or when it loses focus;
 * text that is not a number in range is refused in place, with the reason under the field, and the
 * kernel keeps the value it had.
 *
 * <p>Ids: {@code param-<name>} (the field), {@code param-<name>-slider}, {@code param-<name>-error}.
 */
public final class NumberParameter extends VBox {

    /** A slider over a wider range than this moves in steps too coarse to be useful. */
    private static final double SLIDER_SPAN = 1e6;
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("danger");

    private final ParameterSpec spec;
    private final DoubleConsumer onChange;
    private final TextField field = new TextField();
    private final Label error = new Label();
    private final Slider slider;
    private double value;
    private boolean updating;

    public NumberParameter(ParameterSpec spec, double initial, DoubleConsumer onChange) {
        this.spec = spec;
        this.onChange = onChange;
        this.value = initial;
        getStyleClass().add("parameter");
        setSpacing(2);
        Label label = new Label(spec.label() + (spec.unit().isEmpty() ? "" : " (" + spec.unit() + ")"));
        label.setLabelFor(field);
        field.setId("param-" + spec.name());
        field.setPrefColumnCount(8);
        field.setTooltip(new Tooltip(spec.range()));
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                commit();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                show(value);
            }
        });
        field.focusedProperty().addListener((property, was, focused) -> {
            if (!focused) {
                commit();
            }
        });
        error.setId("param-" + spec.name() + "-error");
        error.getStyleClass().addAll("parameter-error", "danger");
        error.setWrapText(true);
        error.setVisible(false);
        error.setManaged(false);
        if (spec.max() - spec.min() <= SLIDER_SPAN) {
            slider = new Slider(spec.min(), spec.max(), initial);
            slider.setId("param-" + spec.name() + "-slider");
            if (spec.type() == ParameterType.INTEGER) {
                slider.setMajorTickUnit(Math.max(1, Math.round((spec.max() - spec.min()) / 4)));
                slider.setMinorTickCount(0);
                slider.setSnapToTicks(spec.max() - spec.min() <= 20);
            }
            slider.valueProperty().addListener((property, was, v) -> {
                if (!updating) {
                    accept(spec.type() == ParameterType.INTEGER ? Math.rint(v.doubleValue()) : v.doubleValue());
                }
            });
            HBox.setHgrow(slider, Priority.ALWAYS);
            getChildren().addAll(label, new HBox(6, slider, field), error);
        } else {
            slider = null;
            getChildren().addAll(label, field, error);
        }
        show(initial);
    }

    /** The last value accepted. */
    public double value() {
        return value;
    }

    /** Shows {@code newValue} and passes it on, as if the user had entered it; it must be in range. */
    public void set(double newValue) {
        accept(newValue);
    }

    private void commit() {
        String text = field.getText().trim();
        double parsed;
        try {
            parsed = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            parsed = Double.NaN;
        }
        if (!spec.accepts(parsed)) {
            error.setText("'" + text + "' is not " + spec.range());
            error.setVisible(true);
            error.setManaged(true);
            field.pseudoClassStateChanged(INVALID, true);
            return;
        }
        accept(parsed);
    }

    private void accept(double newValue) {
        clearError();
        boolean changed = newValue != value;
        value = newValue;
        show(newValue);
        if (changed) {
            onChange.accept(newValue);
        }
    }

    private void clearError() {
        error.setVisible(false);
        error.setManaged(false);
        field.pseudoClassStateChanged(INVALID, false);
    }

    /** Shows a value the kernel already has (sent another way), without passing it on. */
    public void show(double shown) {
        value = shown;
        clearError();
        updating = true;
        try {
            field.setText(format(shown));
            if (slider != null) {
                slider.setValue(shown);
            }
        } finally {
            updating = false;
        }
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceFirst("\\.?0+(e|$)", "$1");
    }
}
