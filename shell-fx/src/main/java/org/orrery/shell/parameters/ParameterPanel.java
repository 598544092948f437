package org.orrery.shell.parameters;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.ParameterSpec;
import org.orrery.api.kernel.ParameterType;

/**
 * The controls for a kernel's parameters, made from its descriptor: a {@link NumberParameter} for
 * each real or whole-number one, a choice list ({@code param-<name>}) for each choice. Every
 * accepted change is passed to the listener with the parameter's index in the descriptor.
 */
public final class ParameterPanel extends VBox {

    /** Told each accepted change. */
    @FunctionalInterface
    public interface ChangeListener {
        void changed(int index, double value);
    }

    private final List<ParameterSpec> specs;
    private final List<NumberParameter> numbers = new ArrayList<>();
    private final List<ComboBox<String>> choices = new ArrayList<>();

    /** @param values the starting values, in descriptor order */
    public ParameterPanel(KernelDescriptor descriptor, double[] values, ChangeListener listener) {
        this.specs = descriptor.parameters();
        setId("parameters");
        getStyleClass().add("parameter-panel");
        setSpacing(10);
        setPadding(new Insets(8));
        Label title = new Label("Parameters");
        title.getStyleClass().add("title-4");
        getChildren().add(title);
        for (int i = 0; i < specs.size(); i++) {
            ParameterSpec spec = specs.get(i);
            int index = i;
            if (spec.type() == ParameterType.CHOICE) {
                ComboBox<String> box = new ComboBox<>();
                box.setId("param-" + spec.name());
                box.getItems().setAll(spec.choices());
                box.getSelectionModel().select((int) values[i]);
                box.getSelectionModel().selectedIndexProperty().addListener((property, was, selected) -> {
                    if (selected.intValue() >= 0) {
                        listener.changed(index, selected.intValue());
                    }
                });
                Label label = new Label(spec.label());
                label.setLabelFor(box);
                getChildren().add(new VBox(2, label, box));
                numbers.add(null);
                choices.add(box);
            } else {
                NumberParameter number = new NumberParameter(spec, values[i], v -> listener.changed(index, v));
                getChildren().add(number);
                numbers.add(number);
                choices.add(null);
            }
        }
        setMinWidth(200);
    }

    /**
     * Shows a new value for a parameter and passes it to the listener, as if the user had set it:
     * for a value the program works out (a data region from loaded points). Out of range, it is
     * clamped into range.
     */
    public void set(int index, double value) {
        ParameterSpec spec = specs.get(index);
        double clamped = Math.clamp(value, spec.min(), spec.max());
        if (numbers.get(index) != null) {
            numbers.get(index).set(clamped);
        } else {
            choices.get(index).getSelectionModel().select((int) clamped);
        }
    }

    /** Shows a value the kernel was sent another way (pan and zoom), without passing it to the listener. */
    public void show(int index, double value) {
        if (numbers.get(index) != null) {
            numbers.get(index).show(value);
        }
    }

    /** The values now shown (the last accepted ones), in descriptor order. */
    public double[] values() {
        double[] values = new double[specs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = numbers.get(i) != null ? numbers.get(i).value()
                    : choices.get(i).getSelectionModel().getSelectedIndex();
        }
        return values;
    }
}
