package org.orrery.shell.drop;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.input.TransferMode;

/** Files dropped on a node: it accepts a drag that carries files, and hands them over when dropped. */
public final class FileDrop {

    private FileDrop() {}

    /** Makes {@code target} take dropped files and pass them to {@code dropped}, on the FX thread. */
    public static void install(Node target, Consumer<List<Path>> dropped) {
        target.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        target.setOnDragDropped(e -> {
            boolean files = e.getDragboard().hasFiles();
            if (files) {
                dropped.accept(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(files);
            e.consume();
        });
    }
}
