package org.orrery.plugins.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePreviewTest {

    @TempDir
    Path dir;

    @Test
    void listsTheColumnsWhichOfThemAreNumbersAndTheFirstRows() throws Exception {
        Path csv = dir.resolve("trips.csv");
        Files.writeString(csv, "lon,lat,name,fare\n1.5,2.5,a,10\n3,4,b,\n5,6,c,7\n");

        FilePreview preview = FilePreview.read(csv, 2);

        assertThat(preview.format()).isEqualTo(DataFormat.CSV);
        assertThat(preview.columns()).containsExactly("lon", "lat", "name", "fare");
        assertThat(preview.numericColumns()).containsExactly("lon", "lat", "fare");
        assertThat(preview.rows()).containsExactly(List.of("1.5", "2.5", "a", "10"), List.of("3.0", "4.0", "b", ""));
    }

    @Test
    void aFileThatIsNotDataIsRefusedWithItsName() throws Exception {
        Path binary = dir.resolve("image.bin");
        Files.write(binary, new byte[] {1, 0, 2, 0, 3});

        assertThatThrownBy(() -> FilePreview.read(binary, 5)).isInstanceOf(LoadException.class)
                .hasMessageContaining("image.bin").hasMessageContaining("not a text file");
    }
}
